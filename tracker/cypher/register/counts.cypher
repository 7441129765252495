// Register organisations per source and status.
// params: none
// returns: source, status, count
MATCH (o:Organisation)
WHERE o.register_source IS NOT NULL
RETURN o.register_source AS source, coalesce(o.status, 'open') AS status, count(*) AS count
ORDER BY source, status
