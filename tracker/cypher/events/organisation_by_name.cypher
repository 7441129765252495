// Organisations picked by id or typed by exact name (for the feedback form without JavaScript).
// params: $value
// returns: id, name
MATCH (o:Organisation)
WHERE o.id = $value OR o.name = $value
RETURN o.id AS id, o.name AS name
ORDER BY CASE WHEN o.id = $value THEN 0 ELSE 1 END, o.id
LIMIT 2
