// Change a community's name and description (its id is stable).
// params: $id, $props (map of name, description; null removes)
// returns: item
MATCH (n:Community {id: $id})
SET n += $props
RETURN n {.*} AS item
