// What keys cached network results: the data version (bumped by every write) and the epoch of
// the state node (new after the database was emptied, so old version numbers cannot collide).
// params: none
// returns: version, epoch
OPTIONAL MATCH (m:Meta {id: 'state'})
RETURN coalesce(m.version, 0) AS version, m.epoch AS epoch
