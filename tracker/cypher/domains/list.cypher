// The domain map: every confirmed e-mail domain with the organisation it identifies.
// params: none
// returns: domain, organisation, name, confirmed_by, confirmed_at
MATCH (d:Domain)-[:IDENTIFIES]->(o:Organisation)
RETURN d.name AS domain, o.id AS organisation, o.name AS name, d.confirmed_by AS confirmed_by,
       d.confirmed_at AS confirmed_at
ORDER BY domain
