// Every Actor has a unique, stable string id.
// params: none
// returns: nothing
CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (n:Actor) REQUIRE n.id IS UNIQUE
