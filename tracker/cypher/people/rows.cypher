// The list rows of the people with the given ids, in the order of $ids (one page of a cached
// list order, people/order).
// params: $ids
// returns: id, name, job_title, organisation, organisation_name
UNWIND range(0, size($ids) - 1) AS i
MATCH (n:Person {id: $ids[i]})
CALL (n) {
  OPTIONAL MATCH (n)-[:WORKS_AT]->(o:Organisation) RETURN o ORDER BY o.id LIMIT 1
}
WITH n, o, i ORDER BY i
RETURN n.id AS id, n.name AS name, n.job_title AS job_title, o.id AS organisation,
       o.name AS organisation_name
