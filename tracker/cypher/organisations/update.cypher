// Change an organisation's name, type, nation, region and website (its id is stable).
// params: $id, $props (map of name, type, nation, region, website; null removes)
// returns: item
MATCH (n:Organisation {id: $id})
SET n += $props
RETURN n {.*} AS item
