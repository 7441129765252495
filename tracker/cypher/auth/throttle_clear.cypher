// Forget the login counters of the given keys (after a successful login, or an admin unlock).
// params: $keys
// returns: cleared
UNWIND $keys AS key
MATCH (t:LoginThrottle {key: key})
WITH t, t.key AS k
DELETE t
RETURN count(k) AS cleared
