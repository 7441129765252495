// Change a partner network's name, description and website (its id is stable).
// params: $id, $props (map of name, description, website; null removes)
// returns: item
MATCH (n:PartnerNetwork {id: $id})
SET n += $props
RETURN n {.*} AS item
