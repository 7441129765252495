// Before-images of the relationships one batch of an import will change. Each pair is a
// relationship type from one node to another (`to`, of namespace `to_ns`), or with `replace`
// to every node of label `to_label` (null: any), as the writes that replace a person's
// employer, a parent or what a note is about. Every existing relationship of the pair is copied
// (UndoRel, its properties plus the journal's "_" keys) and the pair itself is marked
// (UndoPair): undoing deletes what the pair has then and re-creates the copies. A pair whose
// `from` node does not exist yet needs nothing (that node is deleted on undo).
// params: $import_id, $pairs (list of {from, from_ns, type, to, to_ns, to_label, replace})
// returns: count
UNWIND $pairs AS p
CALL (p) {
  MATCH (a:Actor {id: p.from}) WHERE p.from_ns = 'Actor' RETURN a
  UNION
  MATCH (a:Person {id: p.from}) WHERE p.from_ns = 'Person' RETURN a
  UNION
  MATCH (a:Event {id: p.from}) WHERE p.from_ns = 'Event' RETURN a
  UNION
  MATCH (a:Note {id: p.from}) WHERE p.from_ns = 'Note' RETURN a
  UNION
  MATCH (a:FollowUp {id: p.from}) WHERE p.from_ns = 'FollowUp' RETURN a
}
FOREACH (_ IN CASE WHEN p.to IS NULL THEN [] ELSE [1] END |
  CREATE (:ImportUndo:UndoPair:UndoPending {_import: $import_id, _from: p.from, _from_ns: p.from_ns,
                                            _type: p.type, _to: p.to, _to_ns: p.to_ns}))
WITH p, a
CALL (p, a) {
  MATCH (a)-[r]->(b)
  WHERE p.replace AND type(r) = p.type AND (p.to_label IS NULL OR p.to_label IN labels(b))
  RETURN r, b
  UNION
  CALL (p) {
    MATCH (b:Actor {id: p.to}) WHERE NOT p.replace AND p.to_ns = 'Actor' RETURN b
    UNION
    MATCH (b:Person {id: p.to}) WHERE NOT p.replace AND p.to_ns = 'Person' RETURN b
    UNION
    MATCH (b:Event {id: p.to}) WHERE NOT p.replace AND p.to_ns = 'Event' RETURN b
  }
  MATCH (a)-[r]->(b) WHERE type(r) = p.type
  RETURN r, b
}
CREATE (u:ImportUndo:UndoRel:UndoPending {
  _import: $import_id, _from: p.from, _from_ns: p.from_ns, _type: type(r), _to: b.id,
  _to_ns: CASE WHEN b:Actor THEN 'Actor' WHEN b:Person THEN 'Person' WHEN b:Event THEN 'Event'
               WHEN b:Note THEN 'Note' ELSE 'FollowUp' END})
SET u += properties(r)
RETURN count(u) AS count
