// Change a person's name, job title and organisation (null: none); no row if either is missing.
// params: $id, $props (map of name, job_title; null removes), $organisation
// returns: item
MATCH (n:Person {id: $id})
OPTIONAL MATCH (o:Organisation {id: $organisation})
WITH n, o WHERE $organisation IS NULL OR o IS NOT NULL
SET n += $props
WITH n, o
CALL (n, o) {
  OPTIONAL MATCH (n)-[old:WORKS_AT]->(other:Organisation) WHERE o IS NULL OR other <> o
  DELETE old
}
FOREACH (_ IN CASE WHEN o IS NULL THEN [] ELSE [1] END | MERGE (n)-[:WORKS_AT]->(o))
RETURN n {.*, organisation: o.id} AS item
