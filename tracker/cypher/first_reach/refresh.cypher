// Keep each given organisation's first reaching collaboration (product.md): the earliest
// collaboration, by start date then id, that it attended or contributed to, directly or
// through a person who works there, sessions rolled up (the definition of
// collaborations/first_reach.cypher, per organisation). An organisation that no longer exists
// or reaches nothing keeps none. Runs in the write transaction of every write that can change
// it (tracker/db.py).
// params: $ids
// returns: refreshed
UNWIND $ids AS id
OPTIONAL MATCH (o:Organisation {id: id})
WITH id,
  COLLECT { MATCH (o)-[:ATTENDED|CONTRIBUTED]->(:Event)-[:PART_OF*0..]->(c:Event)
            WHERE c.start IS NOT NULL AND NOT (c)-[:PART_OF]->(:Event)
            RETURN c ORDER BY c.start, c.id LIMIT 1 } +
  COLLECT { MATCH (o)<-[:WORKS_AT]-(:Person)-[:SPOKE_AT|ATTENDED]->(:Event)
                  -[:PART_OF*0..]->(c:Event)
            WHERE c.start IS NOT NULL AND NOT (c)-[:PART_OF]->(:Event)
            RETURN c ORDER BY c.start, c.id LIMIT 1 } AS best
WITH id, CASE
  WHEN size(best) = 0 THEN null
  WHEN size(best) = 1 THEN best[0].id
  WHEN best[1].start < best[0].start
       OR (best[1].start = best[0].start AND best[1].id < best[0].id) THEN best[1].id
  ELSE best[0].id END AS first
OPTIONAL MATCH (f:FirstReach {organisation: id})
FOREACH (_ IN CASE WHEN first IS NULL AND f IS NOT NULL THEN [1] ELSE [] END | DELETE f)
FOREACH (_ IN CASE WHEN first IS NOT NULL THEN [1] ELSE [] END |
  MERGE (g:FirstReach {organisation: id}) SET g.collaboration = first)
RETURN count(*) AS refreshed
