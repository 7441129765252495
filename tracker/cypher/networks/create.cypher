// Create one partner network (an Actor); the id constraints refuse a clash.
// params: $id, $props (map of name, description, website)
// returns: item
CREATE (n:PartnerNetwork:Actor {id: $id})
SET n += $props
RETURN n {.*} AS item
