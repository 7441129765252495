// Whether every organisation's first reaching collaboration is kept (first_reach/refresh_all
// ran since the database was emptied), and if so, per collaboration the organisations it
// reached first (read instead of replaying collaborations/first_reach).
// params: none
// returns: kept, firsts
OPTIONAL MATCH (m:Meta {id: 'state'})
WITH coalesce(m.first_reach_kept, false) AS kept
RETURN kept,
  CASE WHEN kept THEN COLLECT {
    MATCH (f:FirstReach)
    WITH f.collaboration AS collaboration, collect(f.organisation) AS organisations
    RETURN {collaboration: collaboration, organisations: organisations}
  } ELSE [] END AS firsts
