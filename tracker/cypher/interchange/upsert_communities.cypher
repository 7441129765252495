// Create or update communities (merge by id; extra properties are added, not removed).
// params: $rows (list of {id, name, props})
// returns: count
UNWIND $rows AS r
MERGE (n:Community {id: r.id})
SET n:Actor, n += r.props, n.name = r.name
RETURN count(n) AS count
