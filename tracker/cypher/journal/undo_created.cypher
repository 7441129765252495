// Undo, step 4 of 4: delete the nodes one batch of an import created (with whatever
// relationships they still have: only the import's, since other writes refuse while it runs).
// params: $import_id
// returns: count
MATCH (u:UndoCreated)
WHERE u._import = $import_id
WITH u LIMIT 1
CALL (u) {
  UNWIND u._ids AS id
  CALL (u, id) {
    MATCH (n:Actor {id: id}) WHERE u._ns = 'Actor' RETURN n
    UNION
    MATCH (n:Person {id: id}) WHERE u._ns = 'Person' RETURN n
    UNION
    MATCH (n:Event {id: id}) WHERE u._ns = 'Event' RETURN n
    UNION
    MATCH (n:Note {id: id}) WHERE u._ns = 'Note' RETURN n
    UNION
    MATCH (n:FollowUp {id: id}) WHERE u._ns = 'FollowUp' RETURN n
  }
  DETACH DELETE n
}
DELETE u
RETURN count(*) AS count
