// Record how many people from each organisation attended an event.
// params: $rows (list of {event, organisation, attendees})
// returns: count
UNWIND $rows AS r
MATCH (e:Event {id: r.event})
MATCH (o:Organisation {id: r.organisation})
MERGE (o)-[a:ATTENDED]->(e)
SET a.attendees = r.attendees
RETURN count(a) AS count
