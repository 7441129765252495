// The organisations each collaboration reached for the first time: per organisation the
// earliest collaboration (by position in the start-date-then-id order) that it attended or
// contributed to, directly or through a person who works there, sessions rolled up.
// params: none
// returns: position, organisations
MATCH (c:Event)
WHERE c.start IS NOT NULL AND NOT (c)-[:PART_OF]->(:Event)
WITH c ORDER BY c.start, c.id
WITH collect(c) AS collaborations
UNWIND range(0, size(collaborations) - 1) AS position
WITH position, collaborations[position] AS c
MATCH (e:Event)-[:PART_OF*0..]->(c)
CALL (e) {
  MATCH (o:Organisation)-[:ATTENDED|CONTRIBUTED]->(e)
  RETURN o
  UNION
  MATCH (o:Organisation)<-[:WORKS_AT]-(:Person)-[:SPOKE_AT|ATTENDED]->(e)
  RETURN o
}
WITH o, min(position) AS first
RETURN first AS position, collect(o.id) AS organisations
ORDER BY position
