// Every Community has a unique, stable string id.
// params: none
// returns: nothing
CREATE CONSTRAINT community_id IF NOT EXISTS FOR (n:Community) REQUIRE n.id IS UNIQUE
