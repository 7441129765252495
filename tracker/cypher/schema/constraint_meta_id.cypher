// The single Meta node (data version) is found by id.
// params: none
// returns: nothing
CREATE CONSTRAINT meta_id IF NOT EXISTS FOR (m:Meta) REQUIRE m.id IS UNIQUE
