// Import notes: set each note's text, author and times by id and point it at its record
// (moving it if the document says it is about another one). A missing author or time keeps the
// note's own, else $user and now.
// params: $rows (list of {id, text, author, created_at, updated_at, updated_by, kind, about}),
//   $user
// returns: count
UNWIND $rows AS row
CALL (row) {
  MATCH (r:Organisation {id: row.about}) WHERE row.kind = 'organisation' RETURN r
  UNION
  MATCH (r:Person {id: row.about}) WHERE row.kind = 'person' RETURN r
  UNION
  MATCH (r:Event {id: row.about}) WHERE row.kind = 'event' RETURN r
}
MERGE (n:Note {id: row.id})
SET n.text = row.text, n.author = coalesce(row.author, n.author, $user),
    n.created_at = coalesce(datetime(row.created_at), n.created_at, datetime()),
    n.updated_at = CASE WHEN row.updated_at IS NULL THEN null ELSE datetime(row.updated_at) END,
    n.updated_by = row.updated_by
WITH n, r
CALL (n, r) {
  OPTIONAL MATCH (n)-[old:ABOUT]->(other) WHERE other <> r
  DELETE old
}
MERGE (n)-[:ABOUT]->(r)
RETURN count(n) AS count
