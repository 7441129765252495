// Mark closed (never delete: they may have history) the organisations of a register source
// that are no longer in it.
// params: $source, $ids, $today
// returns: count
MATCH (o:Organisation {register_source: $source})
WHERE NOT o.id IN $ids AND coalesce(o.status, 'open') <> 'closed'
SET o.status = 'closed', o.closed_on = $today
RETURN count(o) AS count
