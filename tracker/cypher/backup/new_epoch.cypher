// After a restore: a new epoch and version, so no cache from before can be served.
// params: none
// returns: version
MERGE (m:Meta {id: 'state'})
SET m.version = coalesce(m.version, 0) + 1, m.epoch = randomUUID()
RETURN m.version AS version
