// The names of a membership's two ends, whether or not the membership exists yet (for a form
// shown again with its problems); a name is null when its end does not exist.
// params: $member, $of
// returns: member, member_name, of, of_name
OPTIONAL MATCH (o:Organisation {id: $member})
OPTIONAL MATCH (g:Actor {id: $of})
WHERE g:PartnerNetwork OR g:Community OR g:SubCommunity
RETURN $member AS member, o.name AS member_name, $of AS of, g.name AS of_name
