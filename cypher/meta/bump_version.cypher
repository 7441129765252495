// Bump the data version; runs inside every write transaction so caches can tell.
// params: none
// returns: version
MERGE (m:Meta {id: 'state'})
SET m.version = coalesce(m.version, 0) + 1
RETURN m.version AS version
