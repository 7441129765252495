// Record who contributed to which event, in which role.
// params: $rows (list of {event, actor, role})
// returns: count
UNWIND $rows AS r
MATCH (e:Event {id: r.event})
MATCH (a:Actor {id: r.actor})
MERGE (a)-[c:CONTRIBUTED {role: r.role}]->(e)
RETURN count(c) AS count
