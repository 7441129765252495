// Create or update partner networks (merge by id).
// params: $rows (list of {id, name, props})
// returns: count
UNWIND $rows AS r
MERGE (n:PartnerNetwork {id: r.id})
SET n:Actor, n += r.props, n.name = r.name
RETURN count(n) AS count
