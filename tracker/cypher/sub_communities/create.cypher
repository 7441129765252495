// Create one sub-community (an Actor) PART_OF an existing community; no row if the community is missing.
// params: $id, $props (map of name, description), $community
// returns: item
MATCH (c:Community {id: $community})
CREATE (n:SubCommunity:Actor {id: $id})-[:PART_OF]->(c)
SET n += $props
RETURN n {.*, community: c.id} AS item
