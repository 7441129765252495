// Read every contribution once (the benchmarks' yardstick for the growth timeline).
// params: none
// returns: actor, event, role
MATCH (a:Actor)-[r:CONTRIBUTED]->(e:Event)
RETURN a.id AS actor, e.id AS event, r.role AS role
