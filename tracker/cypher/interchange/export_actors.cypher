// Every community, sub-community, partner network and organisation with its properties.
// params: none
// returns: label, props, community
MATCH (a:Actor)
WITH a, [l IN labels(a) WHERE l IN ['Community', 'SubCommunity', 'PartnerNetwork', 'Organisation']][0] AS label
OPTIONAL MATCH (a)-[:PART_OF]->(c:Community)
RETURN label, properties(a) AS props, c.id AS community
ORDER BY a.id
