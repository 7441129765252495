// Create or update events (name, dates, extra properties); parents are linked separately.
// params: $rows (list of {id, name, start, end, props})
// returns: count
UNWIND $rows AS r
MERGE (e:Event {id: r.id})
SET e += r.props, e.name = r.name, e.start = date(r.start),
    e.end = CASE WHEN r.end IS NULL THEN null ELSE date(r.end) END
RETURN count(e) AS count
