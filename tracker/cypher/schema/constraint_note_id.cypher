// Notes (on organisations, people and events) are found by id.
// params: none
// returns: nothing
CREATE CONSTRAINT note_id IF NOT EXISTS FOR (n:Note) REQUIRE n.id IS UNIQUE
