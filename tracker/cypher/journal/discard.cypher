// Delete one batch of a landed import's journal (or what is left of it).
// params: $import_id, $limit
// returns: count
MATCH (u:ImportUndo)
WHERE u._import = $import_id
WITH u LIMIT $limit
DELETE u
RETURN count(*) AS count
