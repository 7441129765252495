// The data version (bumped by every write), the version of each area of data (the data
// version at that area's last change, tracker/areas.py) and the epoch of the state node (new
// after the database was emptied, so version numbers from before cannot collide): cache keys.
// params: none
// returns: version, epoch, network, reach, actors, people, other
OPTIONAL MATCH (m:Meta {id: 'state'})
RETURN coalesce(m.version, 0) AS version, m.epoch AS epoch,
       coalesce(m.network, 0) AS network, coalesce(m.reach, 0) AS reach,
       coalesce(m.actors, 0) AS actors, coalesce(m.people, 0) AS people,
       coalesce(m.other, 0) AS other
