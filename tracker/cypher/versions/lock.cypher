// Take the write lock on one record (an actor, a person or an event) until the transaction
// ends, so that a version check and the write after it see no other editor's change between
// them: a second editor saving at the same moment waits here, then reads the first one's save.
// params: $id
// returns: count
CALL {
  MATCH (n:Actor {id: $id}) RETURN n
  UNION
  MATCH (n:Person {id: $id}) RETURN n
  UNION
  MATCH (n:Event {id: $id}) RETURN n
}
SET n._lock = true
REMOVE n._lock
RETURN count(n) AS count
