// Delete an organisation, the notes and follow-ups about it, and every relationship it has (its
// people stay, unattached).
// params: $id
// returns: deleted
MATCH (n:Organisation {id: $id})
CALL (n) {
  MATCH (x)-[:ABOUT]->(n) WHERE x:Note OR x:FollowUp
  DETACH DELETE x
}
WITH n, n.id AS id
DETACH DELETE n
RETURN count(id) AS deleted
