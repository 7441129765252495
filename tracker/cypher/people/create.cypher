// Create one person, working at an organisation when $organisation is given; no row if it is missing.
// params: $id, $props (map of name, job_title), $organisation
// returns: item
OPTIONAL MATCH (o:Organisation {id: $organisation})
WITH o WHERE $organisation IS NULL OR o IS NOT NULL
CREATE (n:Person {id: $id})
SET n += $props
FOREACH (_ IN CASE WHEN o IS NULL THEN [] ELSE [1] END | CREATE (n)-[:WORKS_AT]->(o))
RETURN n {.*, organisation: o.id} AS item
