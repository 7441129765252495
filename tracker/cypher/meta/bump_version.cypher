// Bump the data version; runs inside every write transaction so caches can tell.
// The epoch is set once per state node, so a cache can tell an emptied database apart.
// params: none
// returns: version
MERGE (m:Meta {id: 'state'})
SET m.version = coalesce(m.version, 0) + 1, m.epoch = coalesce(m.epoch, randomUUID())
RETURN m.version AS version
