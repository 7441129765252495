// One follow-up per origin (the feedback that created it): re-recording or re-importing the same
// feedback never makes a second one. Follow-ups typed by a user have no origin.
// params: none
// returns: nothing
CREATE CONSTRAINT follow_up_origin IF NOT EXISTS FOR (f:FollowUp) REQUIRE f.origin IS UNIQUE
