// The organisations the given domains identify (only confirmed domains are in the map).
// params: $domains
// returns: domain, organisation, name
UNWIND $domains AS name
MATCH (d:Domain {name: name})-[:IDENTIFIES]->(o:Organisation)
RETURN d.name AS domain, o.id AS organisation, o.name AS name
