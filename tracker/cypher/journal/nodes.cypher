// Before-images of the nodes one batch of an import will update: a copy of each existing
// node's properties (the journal's own keys start with "_", which no imported or form-set
// property does). Nodes that do not exist yet are recorded by `journal/created`.
// params: $import_id, $ns ('Actor', 'Person', 'Event', 'Note' or 'FollowUp'), $ids
// returns: id (the ids that exist)
UNWIND $ids AS id
CALL (id) {
  MATCH (n:Actor {id: id}) WHERE $ns = 'Actor' RETURN n
  UNION
  MATCH (n:Person {id: id}) WHERE $ns = 'Person' RETURN n
  UNION
  MATCH (n:Event {id: id}) WHERE $ns = 'Event' RETURN n
  UNION
  MATCH (n:Note {id: id}) WHERE $ns = 'Note' RETURN n
  UNION
  MATCH (n:FollowUp {id: id}) WHERE $ns = 'FollowUp' RETURN n
}
CREATE (u:ImportUndo:UndoNode {_import: $import_id, _ns: $ns, _id: id})
SET u += properties(n)
RETURN id
