// Create or update register organisations in one batch (both labels, open again if closed).
// params: $rows
// returns: count
UNWIND $rows AS r
MERGE (o:Organisation {id: r.id})
SET o:Actor,
    o.name = r.name,
    o.nation = r.nation,
    o.region = r.region,
    o.type = r.type,
    o.register_source = r.register_source,
    o.register_code = r.register_code,
    o.alt_names = CASE WHEN size(r.alt_names) = 0 THEN null ELSE r.alt_names END,
    o.status = 'open',
    o.closed_on = null
RETURN count(o) AS count
