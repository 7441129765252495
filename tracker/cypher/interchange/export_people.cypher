// Every person with the organisation they work at.
// params: none
// returns: props, organisation
MATCH (p:Person)
OPTIONAL MATCH (p)-[:WORKS_AT]->(o:Organisation)
RETURN properties(p) AS props, o.id AS organisation
ORDER BY p.id
