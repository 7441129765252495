// One membership with both ends' names (for the edit form).
// params: $member, $of
// returns: member, member_name, of, of_name, since, until
MATCH (o:Organisation {id: $member})-[m:MEMBER_OF]->(g:Actor {id: $of})
RETURN o.id AS member, o.name AS member_name, g.id AS of, g.name AS of_name,
       m.since AS since, m.until AS until
