// Mark a merge as undone (it cannot be undone twice).
// params: $id, $user
// returns: id
MATCH (m:Merge {id: $id})
WHERE m.undone_at IS NULL
SET m.undone_at = datetime(), m.undone_by = $user
RETURN m.id AS id
