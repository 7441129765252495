// Delete an event and all its sessions (nested) with every relationship attached to them, and
// the notes and follow-ups about any of them.
// params: $id
// returns: ids (the deleted event ids)
MATCH (e:Event {id: $id})
OPTIONAL MATCH (x:Event)-[:PART_OF*0..]->(e)
WITH collect(DISTINCT x) AS tree
CALL (tree) {
  UNWIND tree AS t
  MATCH (about)-[:ABOUT]->(t) WHERE about:Note OR about:FollowUp
  DETACH DELETE about
}
WITH tree, [x IN tree | x.id] AS ids
FOREACH (x IN tree | DETACH DELETE x)
RETURN ids
