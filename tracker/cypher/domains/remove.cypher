// Take a domain out of the domain map.
// params: $domain
// returns: count
MATCH (d:Domain {name: $domain})
DETACH DELETE d
RETURN count(*) AS count
