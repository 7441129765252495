// One collaboration as its impact report needs it, found by its own id or by the id of any of
// its sessions: its contributors (with kind and roles) and every organisation it reached,
// sessions rolled up; whether it is the built-in demo's. Touches only that collaboration's events.
// params: $id
// returns: asked, id, name, start, end, demo, sessions, contributors, reached
MATCH (asked:Event {id: $id})-[:PART_OF*0..]->(c:Event)
WHERE NOT (c)-[:PART_OF]->(:Event)
WITH asked, c LIMIT 1
CALL (c) {
  MATCH (e:Event)-[:PART_OF*0..]->(c)
  RETURN collect(e) AS events
}
CALL (events) {
  UNWIND events AS e
  MATCH (a:Actor)-[r:CONTRIBUTED]->(e)
  WITH a, collect(DISTINCT r.role) AS roles
  ORDER BY a.id
  RETURN collect({id: a.id, name: a.name, roles: roles,
                  kind: [l IN labels(a) WHERE l <> 'Actor'][0]}) AS contributors
}
CALL (events) {
  UNWIND events AS e
  CALL (e) {
    MATCH (o:Organisation)-[:ATTENDED|CONTRIBUTED]->(e)
    RETURN o
    UNION
    MATCH (o:Organisation)<-[:WORKS_AT]-(:Person)-[:SPOKE_AT|ATTENDED]->(e)
    RETURN o
  }
  WITH DISTINCT o
  ORDER BY o.id
  RETURN collect({id: o.id, name: o.name}) AS reached
}
RETURN asked.id AS asked, c.id AS id, c.name AS name, c.start AS start, c.end AS end,
       c.demo = true AS demo, size(events) - 1 AS sessions, contributors, reached
