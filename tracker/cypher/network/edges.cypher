// The collaboration network as of a date in one pass: its actors (every actor that contributed
// to a collaboration, i.e. a top-level event with its sessions rolled up at any depth) and its
// weighted links: two distinct actors that contributed to the same collaboration; weight = the
// number of collaborations they share, first/last = the ISO dates of the first and last of them.
// Aggregated here and returned as ONE record: `actors` is a list of
// [id, name, type, category, nation, region] and the links are parallel lists (entry i of each
// is link i, sorted by a then b), because per-record driver overhead, not Neo4j, dominates at
// 50,000 links. $as_of is an ISO date or null (everything).
// params: $as_of
// returns: actors, a, b, weight, first, last
MATCH (c:Event)
WHERE NOT (c)-[:PART_OF]->(:Event)
  AND ($as_of IS NULL OR c.start <= date($as_of))
MATCH (c)<-[:PART_OF*0..]-(:Event)<-[:CONTRIBUTED]-(x:Actor)
WITH c, collect(DISTINCT x) AS xs
WITH collect([c.start, [x IN xs | x.id]]) AS collaborations, collect(xs) AS groups
CALL (groups) {
  UNWIND groups AS xs
  UNWIND xs AS x
  WITH DISTINCT x
  ORDER BY x.id
  RETURN collect([x.id, x.name,
                  CASE
                    WHEN x:Organisation THEN 'organisation'
                    WHEN x:PartnerNetwork THEN 'partner_network'
                    WHEN x:SubCommunity THEN 'sub_community'
                    ELSE 'community'
                  END,
                  CASE WHEN x:Organisation THEN x.type ELSE null END,
                  x.nation, x.region]) AS actors
}
CALL (collaborations) {
  UNWIND collaborations AS collaboration
  WITH collaboration[0] AS start, collaboration[1] AS ids
  UNWIND ids AS a
  UNWIND ids AS b
  WITH start, a, b
  WHERE a < b
  WITH a, b, count(*) AS weight, min(start) AS first, max(start) AS last
  ORDER BY a, b
  RETURN collect(a) AS a, collect(b) AS b, collect(weight) AS weight,
         collect(toString(first)) AS first, collect(toString(last)) AS last
}
RETURN actors, a, b, weight, first, last
