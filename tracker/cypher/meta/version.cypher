// The data version (bumped by every write) and the epoch of the state node (new after the
// database was emptied, so version numbers from before cannot collide): together a cache key.
// params: none
// returns: version, epoch
OPTIONAL MATCH (m:Meta {id: 'state'})
RETURN coalesce(m.version, 0) AS version, m.epoch AS epoch
