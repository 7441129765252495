// Project the collaboration network into a Graph Data Science in-memory graph named $name:
// actors linked when they contributed to the same collaboration (a top-level event with its
// sessions rolled up), property weight = the number of collaborations they share, undirected.
// Only run when tracker.services.gds finds the plugin. $as_of is an ISO date or null.
// params: $name, $as_of
// returns: graph, nodes, relationships
MATCH (c:Event)
WHERE NOT (c)-[:PART_OF]->(:Event)
  AND ($as_of IS NULL OR c.start <= date($as_of))
MATCH (c)<-[:PART_OF*0..]-(:Event)<-[:CONTRIBUTED]-(x:Actor)
WITH c, collect(DISTINCT x) AS xs
UNWIND xs AS a
UNWIND xs AS b
WITH a, b
WHERE a.id < b.id
WITH a, b, count(*) AS weight
WITH gds.graph.project($name, a, b, {relationshipProperties: {weight: toFloat(weight)}},
                       {undirectedRelationshipTypes: ['*']}) AS g
RETURN g.graphName AS graph, g.nodeCount AS nodes, g.relationshipCount AS relationships
