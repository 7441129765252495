// Every Person has a unique, stable string id.
// params: none
// returns: nothing
CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE
