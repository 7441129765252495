// The login throttle counters for the given keys (account and address), if any.
// params: $keys
// returns: key, failures, retry_at, locked_until, now
UNWIND $keys AS key
MATCH (t:LoginThrottle {key: key})
RETURN t.key AS key, t.failures AS failures, t.retry_at AS retry_at,
       t.locked_until AS locked_until, datetime() AS now
