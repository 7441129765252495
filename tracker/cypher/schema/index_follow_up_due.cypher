// Range index on FollowUp.due for the overdue and due-soon lists.
// params: none
// returns: nothing
CREATE INDEX follow_up_due IF NOT EXISTS FOR (f:FollowUp) ON (f.due)
