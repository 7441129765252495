// One page of the people who work at an organisation, by name.
// params: $id, $skip, $limit
// returns: id, name, job_title
MATCH (p:Person)-[:WORKS_AT]->(:Organisation {id: $id})
WITH p ORDER BY toLower(p.name), p.id
SKIP $skip LIMIT $limit
RETURN p.id AS id, p.name AS name, p.job_title AS job_title
