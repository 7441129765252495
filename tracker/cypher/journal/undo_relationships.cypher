// Undo, step 2 of 4: re-create one batch of the relationships an import changed or deleted,
// with their properties as they were (the copy's properties minus the journal's "_" keys).
// params: $import_id, $limit
// returns: count
MATCH (u:UndoRel)
WHERE u._import = $import_id
WITH u LIMIT $limit
CALL (u) {
  CALL (u) {
    MATCH (a:Actor {id: u._from}) WHERE u._from_ns = 'Actor' RETURN a
    UNION
    MATCH (a:Person {id: u._from}) WHERE u._from_ns = 'Person' RETURN a
    UNION
    MATCH (a:Event {id: u._from}) WHERE u._from_ns = 'Event' RETURN a
    UNION
    MATCH (a:Note {id: u._from}) WHERE u._from_ns = 'Note' RETURN a
    UNION
    MATCH (a:FollowUp {id: u._from}) WHERE u._from_ns = 'FollowUp' RETURN a
  }
  CALL (u) {
    MATCH (b:Actor {id: u._to}) WHERE u._to_ns = 'Actor' RETURN b
    UNION
    MATCH (b:Person {id: u._to}) WHERE u._to_ns = 'Person' RETURN b
    UNION
    MATCH (b:Event {id: u._to}) WHERE u._to_ns = 'Event' RETURN b
  }
  CREATE (a)-[r:$(u._type)]->(b)
  SET r = properties(u)
  REMOVE r._import, r._from, r._from_ns, r._type, r._to, r._to_ns
}
DELETE u
RETURN count(*) AS count
