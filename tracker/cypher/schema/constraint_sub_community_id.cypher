// Every SubCommunity has a unique, stable string id.
// params: none
// returns: nothing
CREATE CONSTRAINT sub_community_id IF NOT EXISTS FOR (n:SubCommunity) REQUIRE n.id IS UNIQUE
