// People past the retention period: their last engagement (the latest start of an event they
// spoke at or attended) is before $cutoff, or they have none recorded at all.
// params: $cutoff
// returns: id, name, organisation, last_engagement
MATCH (n:Person)
WITH n, COLLECT { MATCH (n)-[:SPOKE_AT|ATTENDED]->(e:Event) WHERE e.start IS NOT NULL
                  RETURN e.start ORDER BY e.start DESC LIMIT 1 }[0] AS last
WHERE last IS NULL OR last < date($cutoff)
RETURN n.id AS id, n.name AS name,
       COLLECT { MATCH (n)-[:WORKS_AT]->(o:Organisation) RETURN o.name }[0] AS organisation,
       last AS last_engagement
ORDER BY last_engagement, n.id
