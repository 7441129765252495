// The nations, regions and types present among open register organisations (for filters).
// params: none
// returns: nations, regions, types
MATCH (o:Organisation)
WHERE o.register_source IS NOT NULL AND coalesce(o.status, 'open') = 'open'
WITH collect(DISTINCT o.nation) AS nations, collect(DISTINCT o.region) AS regions,
     collect(DISTINCT o.type) AS types
RETURN COLLECT { UNWIND nations AS x RETURN x ORDER BY x } AS nations,
       COLLECT { UNWIND regions AS x RETURN x ORDER BY x } AS regions,
       COLLECT { UNWIND types AS x RETURN x ORDER BY x } AS types
