// Count one attempt against each key (it is a failure until it succeeds: throttle_release). A counter older than the window starts again at 1.
// From item.delay_after failures on, the next try waits base * 2^(failures - delay_after)
// seconds (at most $max_delay); from item.lock_after failures on, the key is locked for
// $lock_seconds. MERGE takes the node's write lock, so processes behind compose count together.
// params: $items (list of {key, delay_after, lock_after}), $base_delay, $max_delay, $lock_seconds, $window_seconds
// returns: key, failures, retry_at, locked_until
UNWIND $items AS item
MERGE (t:LoginThrottle {key: item.key})
WITH t, item, datetime.realtime() AS now
WITH t, item, now,
     CASE WHEN t.last_failure IS NULL
               OR t.last_failure + duration({seconds: $window_seconds}) < now
          THEN 1 ELSE coalesce(t.failures, 0) + 1 END AS failures
WITH t, item, now, failures,
     CASE WHEN failures < item.delay_after THEN null
          ELSE $base_delay * 2.0 ^ (failures - item.delay_after) END AS wait
SET t.failures = failures, t.last_failure = now,
    t.retry_at = CASE WHEN wait IS NULL THEN null
        ELSE now + duration({milliseconds: toInteger(1000 * CASE WHEN wait > $max_delay
                                                            THEN $max_delay ELSE wait END)}) END,
    t.locked_until = CASE WHEN failures >= item.lock_after
        THEN now + duration({seconds: $lock_seconds})
        ELSE t.locked_until END
RETURN t.key AS key, t.failures AS failures, t.retry_at AS retry_at, t.locked_until AS locked_until
