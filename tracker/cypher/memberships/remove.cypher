// End the record of an organisation's membership of a group (removes the MEMBER_OF link).
// params: $member, $of
// returns: removed
MATCH (o:Organisation {id: $member})-[m:MEMBER_OF]->(g:Actor {id: $of})
DELETE m
RETURN count(*) AS removed
