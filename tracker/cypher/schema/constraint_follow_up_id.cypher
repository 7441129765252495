// Follow-ups are found by id.
// params: none
// returns: nothing
CREATE CONSTRAINT follow_up_id IF NOT EXISTS FOR (f:FollowUp) REQUIRE f.id IS UNIQUE
