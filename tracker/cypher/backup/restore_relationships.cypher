// Create one batch of backed-up relationships between restored nodes (dynamic type).
// params: $rows (list of {start, end, type, props}; start and end are new element ids)
// returns: count
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.start
MATCH (b) WHERE elementId(b) = row.end
CREATE (a)-[r:$(row.type)]->(b)
SET r = row.props
RETURN count(r) AS count
