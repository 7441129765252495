// Organisations whose names match full-text search terms, best first (duplicate check on create).
// params: $q, $limit
// returns: id, name, score, type, nation
CALL db.index.fulltext.queryNodes('names', $q) YIELD node, score
WITH node, score WHERE node:Organisation
RETURN node.id AS id, node.name AS name, score, node.type AS type, node.nation AS nation
ORDER BY score DESC, id
LIMIT $limit
