// The actors, people and events an import's journal names (nodes it created or updated, and
// both ends of the relationships it journalled): whose first reaching collaboration undoing the
// import may change (journal.undo, read before its first undo step).
// params: $import_id
// returns: actors, people, events
CALL () {
  MATCH (u:UndoCreated {_import: $import_id})
  UNWIND u._ids AS id
  RETURN u._ns AS ns, id
  UNION
  MATCH (u:UndoNode {_import: $import_id})
  RETURN u._ns AS ns, u._id AS id
  UNION
  MATCH (u:ImportUndo {_import: $import_id}) WHERE u:UndoPair OR u:UndoRel
  UNWIND [[u._from_ns, u._from], [u._to_ns, u._to]] AS end
  RETURN end[0] AS ns, end[1] AS id
}
WITH ns, id WHERE id IS NOT NULL
RETURN [x IN collect(CASE WHEN ns = 'Actor' THEN id END) WHERE x IS NOT NULL] AS actors,
       [x IN collect(CASE WHEN ns = 'Person' THEN id END) WHERE x IS NOT NULL] AS people,
       [x IN collect(CASE WHEN ns = 'Event' THEN id END) WHERE x IS NOT NULL] AS events
