// Confirm that e-mail domains identify organisations (replacing an earlier mapping of a domain).
// params: $rows (list of {domain, organisation}), $by
// returns: domain, organisation, name
UNWIND $rows AS r
MATCH (o:Organisation {id: r.organisation})
MERGE (d:Domain {name: r.domain})
SET d.confirmed_by = $by, d.confirmed_at = datetime()
WITH d, o
OPTIONAL MATCH (d)-[old:IDENTIFIES]->(other:Organisation)
WHERE other <> o
DELETE old
MERGE (d)-[:IDENTIFIES]->(o)
RETURN DISTINCT d.name AS domain, o.id AS organisation, o.name AS name
