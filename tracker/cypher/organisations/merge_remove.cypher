// Merge step: remove the dropped organisation (with any link left between the two).
// params: $drop
// returns: removed
MATCH (d:Organisation {id: $drop})
WITH d, d.id AS id
DETACH DELETE d
RETURN count(id) AS removed
