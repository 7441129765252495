// One event with everything attached: its parent chain, its sessions (nested, with depth),
// contributors, organisation attendance, speakers and attendees (each with the event or session
// they belong to), and the feedback given on it.
// params: $id
// returns: event, ancestors, sessions, contributors, attendance, speakers, attendees, feedback
MATCH (e:Event {id: $id})
CALL (e) {
  OPTIONAL MATCH path = (e)-[:PART_OF*1..]->(a:Event)
  WITH a, length(path) AS up ORDER BY up DESC
  RETURN [x IN collect({id: a.id, name: a.name}) WHERE x.id IS NOT NULL] AS ancestors
}
CALL (e) {
  OPTIONAL MATCH path = (s:Event)-[:PART_OF*1..]->(e)
  OPTIONAL MATCH (s)-[:PART_OF]->(p:Event)
  WITH s, p, length(path) AS depth ORDER BY s.start, s.id
  RETURN [x IN collect({id: s.id, name: s.name, start: s.start, end: s.end, parent: p.id,
                        depth: depth}) WHERE x.id IS NOT NULL] AS sessions
}
CALL (e) {
  OPTIONAL MATCH (a:Actor)-[c:CONTRIBUTED]->(x:Event)-[:PART_OF*0..]->(e)
  WITH a, c, x ORDER BY CASE WHEN x = e THEN 0 ELSE 1 END, x.start, x.id, toLower(a.name)
  RETURN [r IN collect({actor: a.id, name: a.name,
                        kind: [l IN labels(a) WHERE l <> 'Actor'][0], role: c.role,
                        event: x.id, event_name: x.name}) WHERE r.actor IS NOT NULL] AS contributors
}
CALL (e) {
  OPTIONAL MATCH (o:Organisation)-[att:ATTENDED]->(x:Event)-[:PART_OF*0..]->(e)
  WITH o, att, x ORDER BY CASE WHEN x = e THEN 0 ELSE 1 END, x.start, x.id, toLower(o.name)
  RETURN [r IN collect({organisation: o.id, name: o.name, attendees: att.attendees,
                        event: x.id, event_name: x.name}) WHERE r.organisation IS NOT NULL]
         AS attendance
}
CALL (e) {
  OPTIONAL MATCH (p:Person)-[:SPOKE_AT]->(x:Event)-[:PART_OF*0..]->(e)
  OPTIONAL MATCH (p)-[:WORKS_AT]->(o:Organisation)
  WITH p, x, collect(o.name)[0] AS organisation ORDER BY toLower(p.name), x.id
  RETURN [r IN collect({id: p.id, name: p.name, organisation: organisation, event: x.id,
                        event_name: x.name}) WHERE r.id IS NOT NULL] AS speakers
}
CALL (e) {
  OPTIONAL MATCH (p:Person)-[:ATTENDED]->(x:Event)-[:PART_OF*0..]->(e)
  OPTIONAL MATCH (p)-[:WORKS_AT]->(o:Organisation)
  WITH p, x, collect(o.name)[0] AS organisation ORDER BY toLower(p.name), x.id
  RETURN [r IN collect({id: p.id, name: p.name, organisation: organisation, event: x.id,
                        event_name: x.name}) WHERE r.id IS NOT NULL] AS attendees
}
CALL (e) {
  OPTIONAL MATCH (o:Organisation)-[f:GAVE_FEEDBACK]->(e)
  WITH o, f ORDER BY toLower(o.name)
  RETURN [r IN collect({organisation: o.id, name: o.name, rating: f.rating,
                        work_together_again: f.work_together_again, comment: f.comment})
          WHERE r.organisation IS NOT NULL] AS feedback
}
RETURN e {.*} AS event, ancestors, sessions, contributors, attendance, speakers, attendees,
       feedback
