// Create or update memberships of organisations in networks, communities or sub-communities.
// params: $rows (list of {member, of, since, until})
// returns: count
UNWIND $rows AS r
MATCH (o:Organisation {id: r.member})
MATCH (g:Actor {id: r.of})
WHERE g:PartnerNetwork OR g:Community OR g:SubCommunity
MERGE (o)-[m:MEMBER_OF]->(g)
SET m.since = CASE WHEN r.since IS NULL THEN null ELSE date(r.since) END,
    m.until = CASE WHEN r.until IS NULL THEN null ELSE date(r.until) END
RETURN count(m) AS count
