// The GOV.UK parent and child organisations of one organisation (CHILD_OF links).
// params: $id
// returns: parents, children
MATCH (o:Organisation {id: $id})
RETURN COLLECT { MATCH (o)-[:CHILD_OF]->(p:Organisation) RETURN p.id ORDER BY p.id } AS parents,
       COLLECT { MATCH (o)<-[:CHILD_OF]-(c:Organisation) RETURN c.id ORDER BY c.id } AS children
