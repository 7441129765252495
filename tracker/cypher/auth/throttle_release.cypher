// Give back one counted attempt on a key (it succeeded): the count drops by one, and a wait or
// lock the count no longer reaches is lifted.
// params: $key, $delay_after, $lock_after
// returns: failures
MATCH (t:LoginThrottle {key: $key})
WITH t, CASE WHEN coalesce(t.failures, 0) > 0 THEN t.failures - 1 ELSE 0 END AS failures
SET t.failures = failures,
    t.retry_at = CASE WHEN failures < $delay_after THEN null ELSE t.retry_at END,
    t.locked_until = CASE WHEN failures < $lock_after THEN null ELSE t.locked_until END
RETURN failures
