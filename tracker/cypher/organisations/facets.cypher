// The distinct organisation types, nations and regions, for the list filters.
// params: none
// returns: types, nations, regions
MATCH (n:Organisation)
RETURN collect(DISTINCT n.type) AS types, collect(DISTINCT n.nation) AS nations,
       collect(DISTINCT n.region) AS regions
