// The list rows of the organisations with the given ids, in the order of $ids (one page of a
// cached list order, organisations/order).
// params: $ids
// returns: id, name, type, nation, region, events, people
UNWIND range(0, size($ids) - 1) AS i
MATCH (n:Organisation {id: $ids[i]})
WITH n, i ORDER BY i
RETURN n.id AS id, n.name AS name, n.type AS type, n.nation AS nation, n.region AS region,
       COUNT { (n)-[:CONTRIBUTED|ATTENDED]->() } AS events,
       COUNT { (n)<-[:WORKS_AT]-() } AS people
