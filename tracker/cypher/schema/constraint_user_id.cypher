// Every User has a unique, stable string id.
// params: none
// returns: nothing
CREATE CONSTRAINT user_id IF NOT EXISTS FOR (n:User) REQUIRE n.id IS UNIQUE
