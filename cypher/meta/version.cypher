// The current data version (0 before any write).
// params: none
// returns: version
OPTIONAL MATCH (m:Meta {id: 'state'})
RETURN coalesce(m.version, 0) AS version
