// Every membership of an organisation in a network, community or sub-community.
// params: none
// returns: member, of, since, until
MATCH (o:Organisation)-[m:MEMBER_OF]->(g:Actor)
RETURN o.id AS member, g.id AS of, m.since AS since, m.until AS until
ORDER BY member, of
