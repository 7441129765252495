// Whether an event (a collaboration or any of its sessions) with this id exists: a previous
// impact report is never served for an event that was deleted since.
// params: $id
// returns: found
OPTIONAL MATCH (e:Event {id: $id})
RETURN e IS NOT NULL AS found
