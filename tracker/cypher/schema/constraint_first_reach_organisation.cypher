// Each organisation has at most one kept first reaching collaboration (tracker/db.py).
// params: none
// returns: nothing
CREATE CONSTRAINT first_reach_organisation IF NOT EXISTS FOR (n:FirstReach) REQUIRE n.organisation IS UNIQUE
