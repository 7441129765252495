// A trivial query: does the database answer?
// params: none
// returns: ok
RETURN 1 AS ok
