// Every ApiToken has a unique id (the public part of the token, before its secret).
// params: none
// returns: nothing
CREATE CONSTRAINT api_token_id IF NOT EXISTS FOR (t:ApiToken) REQUIRE t.id IS UNIQUE
