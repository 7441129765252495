// Every Organisation has a unique, stable string id.
// params: none
// returns: nothing
CREATE CONSTRAINT organisation_id IF NOT EXISTS FOR (n:Organisation) REQUIRE n.id IS UNIQUE
