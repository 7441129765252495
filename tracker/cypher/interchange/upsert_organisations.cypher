// Create or update organisations (merge by id; type, nation, region travel in props).
// params: $rows (list of {id, name, props})
// returns: count
UNWIND $rows AS r
MERGE (n:Organisation {id: r.id})
SET n:Actor, n += r.props, n.name = r.name
RETURN count(n) AS count
