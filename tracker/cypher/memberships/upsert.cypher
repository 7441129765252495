// Record (or change the dates of) an organisation's membership of a network, community or
// sub-community; no row if either end is missing or the group is not one of those kinds.
// params: $member, $of, $since, $until
// returns: member, member_name, of, of_name, since, until
MATCH (o:Organisation {id: $member})
MATCH (g:Actor {id: $of})
WHERE g:PartnerNetwork OR g:Community OR g:SubCommunity
MERGE (o)-[m:MEMBER_OF]->(g)
SET m.since = CASE WHEN $since IS NULL THEN null ELSE date($since) END,
    m.until = CASE WHEN $until IS NULL THEN null ELSE date($until) END
RETURN o.id AS member, o.name AS member_name, g.id AS of, g.name AS of_name,
       m.since AS since, m.until AS until
