// Import follow-ups: set each one's fields by id and point it at its record (moving it if the
// document says it is about another one). A missing creator or time keeps the follow-up's own,
// else $user and now.
// params: $rows (list of {id, title, owner, due, done_at, done_by, created_at, created_by,
//   origin, kind, about}), $user
// returns: count
UNWIND $rows AS row
CALL (row) {
  MATCH (r:Organisation {id: row.about}) WHERE row.kind = 'organisation' RETURN r
  UNION
  MATCH (r:Person {id: row.about}) WHERE row.kind = 'person' RETURN r
  UNION
  MATCH (r:Event {id: row.about}) WHERE row.kind = 'event' RETURN r
}
MERGE (f:FollowUp {id: row.id})
SET f.title = row.title, f.owner = row.owner, f.due = date(row.due),
    f.done_at = CASE WHEN row.done_at IS NULL THEN null ELSE datetime(row.done_at) END,
    f.done_by = row.done_by, f.created_by = coalesce(row.created_by, f.created_by, $user),
    f.origin = row.origin, f.created_at = coalesce(datetime(row.created_at), f.created_at, datetime())
WITH f, r
CALL (f, r) {
  OPTIONAL MATCH (f)-[old:ABOUT]->(other) WHERE other <> r
  DELETE old
}
MERGE (f)-[:ABOUT]->(r)
RETURN count(f) AS count
