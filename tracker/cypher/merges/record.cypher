// Record a merge: what it changed, serialised, so that it can be undone exactly.
// params: $id, $source, $target, $source_name, $target_name, $snapshot, $after, $moved, $user
// returns: id
CREATE (m:Merge {id: $id, source: $source, target: $target, source_name: $source_name,
                 target_name: $target_name, snapshot: $snapshot, after: $after, moved: $moved,
                 user: $user, at: datetime()})
RETURN m.id AS id
