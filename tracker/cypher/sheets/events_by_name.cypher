// Existing events with one of the given ids, or one of the given names (case ignored).
// params: $ids, $names
// returns: id, name, key, start
MATCH (e:Event)
WHERE e.id IN $ids OR toLower(e.name) IN $names
RETURN e.id AS id, e.name AS name, toLower(e.name) AS key, e.start AS start
ORDER BY id
