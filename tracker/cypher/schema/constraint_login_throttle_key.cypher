// One login throttle counter per key ('account:<username>' or 'address:<ip>').
// params: none
// returns: nothing
CREATE CONSTRAINT login_throttle_key IF NOT EXISTS FOR (t:LoginThrottle) REQUIRE t.key IS UNIQUE
