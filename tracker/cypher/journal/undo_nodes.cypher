// Undo, step 3 of 4: give one batch of the nodes an import updated their properties as they
// were (SET = replaces them all: what the import added goes too).
// params: $import_id, $limit
// returns: count
MATCH (u:UndoNode)
WHERE u._import = $import_id
WITH u LIMIT $limit
CALL (u) {
  CALL (u) {
    MATCH (n:Actor {id: u._id}) WHERE u._ns = 'Actor' RETURN n
    UNION
    MATCH (n:Person {id: u._id}) WHERE u._ns = 'Person' RETURN n
    UNION
    MATCH (n:Event {id: u._id}) WHERE u._ns = 'Event' RETURN n
    UNION
    MATCH (n:Note {id: u._id}) WHERE u._ns = 'Note' RETURN n
    UNION
    MATCH (n:FollowUp {id: u._id}) WHERE u._ns = 'FollowUp' RETURN n
  }
  SET n = properties(u)
  REMOVE n._import, n._ns, n._id
}
DELETE u
RETURN count(*) AS count
