// One recorded merge with its serialised snapshot.
// params: $id
// returns: id, source, target, source_name, target_name, snapshot, after, moved, user, at, undone_at
MATCH (m:Merge {id: $id})
RETURN m.id AS id, m.source AS source, m.target AS target, m.source_name AS source_name,
       m.target_name AS target_name, m.snapshot AS snapshot, m.after AS after, m.moved AS moved,
       m.user AS user, m.at AS at, m.undone_at AS undone_at
