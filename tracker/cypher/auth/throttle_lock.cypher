// Take the write lock on the login counters of the given keys (made when missing) and return
// their state: a second attempt at the same moment waits here until the first is counted.
// `now` is the real time after the wait (datetime() would be the statement's start, earlier).
// params: $keys
// returns: key, failures, retry_at, locked_until, now
UNWIND $keys AS key
MERGE (t:LoginThrottle {key: key})
SET t.checked_at = datetime()
RETURN t.key AS key, t.failures AS failures, t.retry_at AS retry_at,
       t.locked_until AS locked_until, datetime.realtime() AS now
