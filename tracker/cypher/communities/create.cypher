// Create one community (an Actor); the id constraints refuse a clash.
// params: $id, $props (map of name, description)
// returns: item
CREATE (n:Community:Actor {id: $id})
SET n += $props
RETURN n {.*} AS item
