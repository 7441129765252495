// The organisations the given collaborations reached first, as kept (first_reach/refresh):
// rows only for collaborations that reached someone first.
// params: $ids
// returns: collaboration, organisations
MATCH (f:FirstReach)
WHERE f.collaboration IN $ids
RETURN f.collaboration AS collaboration, collect(f.organisation) AS organisations
