// Usernames are unique.
// params: none
// returns: nothing
CREATE CONSTRAINT user_username IF NOT EXISTS FOR (u:User) REQUIRE u.username IS UNIQUE
