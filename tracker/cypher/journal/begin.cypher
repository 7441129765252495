// Start a batched import: create its journal head (the uniqueness of `slot` refuses a second
// one) after taking the write lock on the version node, so that a write transaction that has
// already reached its version bump commits first and every later one sees the head and refuses
// (meta/bump_version). See docs/imports.md, "Concurrency".
// params: $import_id, $file, $user
// returns: id
MERGE (m:Meta {id: 'state'})
SET m._lock = true
REMOVE m._lock
CREATE (j:ImportJournal {slot: 'one', id: $import_id, state: 'writing', file: $file, user: $user,
                         started_at: datetime.realtime()})
RETURN j.id AS id
