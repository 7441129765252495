// Recompute every organisation's kept first reaching collaboration (as first_reach/refresh, for
// all of them) and mark the kept values complete: after imports, merges undone, restores, and
// the first write of a database that kept none yet.
// params: none
// returns: refreshed
CALL () { MATCH (f:FirstReach) DELETE f }
CALL () {
  MATCH (o:Organisation)
  WITH o,
    COLLECT { MATCH (o)-[:ATTENDED|CONTRIBUTED]->(:Event)-[:PART_OF*0..]->(c:Event)
              WHERE c.start IS NOT NULL AND NOT (c)-[:PART_OF]->(:Event)
              RETURN c ORDER BY c.start, c.id LIMIT 1 } +
    COLLECT { MATCH (o)<-[:WORKS_AT]-(:Person)-[:SPOKE_AT|ATTENDED]->(:Event)
                    -[:PART_OF*0..]->(c:Event)
              WHERE c.start IS NOT NULL AND NOT (c)-[:PART_OF]->(:Event)
              RETURN c ORDER BY c.start, c.id LIMIT 1 } AS best
  WHERE size(best) > 0
  WITH o, CASE
    WHEN size(best) = 1 THEN best[0].id
    WHEN best[1].start < best[0].start
         OR (best[1].start = best[0].start AND best[1].id < best[0].id) THEN best[1].id
    ELSE best[0].id END AS first
  CREATE (:FirstReach {organisation: o.id, collaboration: first})
  RETURN count(*) AS refreshed
}
MERGE (m:Meta {id: 'state'})
SET m.first_reach_kept = true
RETURN refreshed
