// Whether every organisation's first reaching collaboration is kept (see first_reach/kept).
// params: none
// returns: kept
OPTIONAL MATCH (m:Meta {id: 'state'})
RETURN coalesce(m.first_reach_kept, false) AS kept
