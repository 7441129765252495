// Picker search: nodes carrying any of $labels whose names match full-text terms, best first.
// params: $q, $labels, $limit
// returns: id, name, kind
CALL db.index.fulltext.queryNodes('names', $q) YIELD node, score
WITH node, score WHERE any(l IN labels(node) WHERE l IN $labels)
RETURN node.id AS id, node.name AS name, [l IN labels(node) WHERE l <> 'Actor'][0] AS kind
ORDER BY score DESC, toLower(node.name), id
LIMIT $limit
