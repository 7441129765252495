// Delete every node and relationship, in batches (run outside an explicit transaction).
// params: none
// returns: nothing
MATCH (n)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
