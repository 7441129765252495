// Every Event has a unique, stable string id.
// params: none
// returns: nothing
CREATE CONSTRAINT event_id IF NOT EXISTS FOR (n:Event) REQUIRE n.id IS UNIQUE
