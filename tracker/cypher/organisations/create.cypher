// Create one organisation (an Actor); the id constraints refuse a clash.
// params: $id, $props (map of name, type, nation, region, website)
// returns: item
CREATE (n:Organisation:Actor {id: $id})
SET n += $props
RETURN n {.*} AS item
