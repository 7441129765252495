// What keys cached growth timelines: the data version and the epoch of the state node (a new
// epoch after the database was emptied, so version numbers from before cannot collide).
// params: none
// returns: version, epoch
OPTIONAL MATCH (m:Meta {id: 'state'})
RETURN coalesce(m.version, 0) AS version, m.epoch AS epoch
