// Delete a person, the notes and follow-ups about them, and every relationship they have.
// params: $id
// returns: deleted
MATCH (n:Person {id: $id})
CALL (n) {
  MATCH (x)-[:ABOUT]->(n) WHERE x:Note OR x:FollowUp
  DETACH DELETE x
}
WITH n, n.id AS id
DETACH DELETE n
RETURN count(id) AS deleted
