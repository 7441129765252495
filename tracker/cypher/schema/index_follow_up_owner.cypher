// Range index on FollowUp.owner for "my follow-ups".
// params: none
// returns: nothing
CREATE INDEX follow_up_owner IF NOT EXISTS FOR (f:FollowUp) ON (f.owner)
