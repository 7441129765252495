// The nodes one batch of an import creates (absent before it): undone by deleting them.
// params: $import_id, $ns, $ids
// returns: count
CREATE (u:ImportUndo:UndoCreated {_import: $import_id, _ns: $ns, _ids: $ids})
RETURN size(u._ids) AS count
