// Create or update sub-communities, each PART_OF exactly one community.
// params: $rows (list of {id, name, community, props})
// returns: count
UNWIND $rows AS r
MERGE (n:SubCommunity {id: r.id})
SET n:Actor, n += r.props, n.name = r.name
WITH n, r
OPTIONAL MATCH (n)-[old:PART_OF]->(:Community)
DELETE old
WITH DISTINCT n, r
MATCH (c:Community {id: r.community})
MERGE (n)-[:PART_OF]->(c)
RETURN count(n) AS count
