// How many nodes the database holds (restore refuses a non-empty database).
// params: none
// returns: count
MATCH (n)
RETURN count(n) AS count
