// Link GOV.UK organisations to their parent organisations: (child)-[:CHILD_OF]->(parent).
// params: $links
// returns: count
UNWIND $links AS l
MATCH (child:Organisation {id: l.child})
MATCH (parent:Organisation {id: l.parent})
MERGE (child)-[r:CHILD_OF]->(parent)
SET r.source = 'govuk'
RETURN count(r) AS count
