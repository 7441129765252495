// The distinct years in which events start, newest first (for the year filter).
// params: none
// returns: year
MATCH (e:Event)
WHERE e.start IS NOT NULL
RETURN DISTINCT e.start.year AS year
ORDER BY year DESC
