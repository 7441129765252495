// Recorded merges (undo) are found by id.
// params: none
// returns: nothing
CREATE CONSTRAINT merge_id IF NOT EXISTS FOR (m:Merge) REQUIRE m.id IS UNIQUE
