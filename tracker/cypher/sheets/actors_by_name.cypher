// Actors (any kind) whose id or name equals one of the given texts, case ignored.
// params: $names
// returns: key, id, name, kind
UNWIND $names AS key
MATCH (a:Actor)
WHERE toLower(a.name) = key OR toLower(a.id) = key
RETURN key, a.id AS id, a.name AS name, [l IN labels(a) WHERE l <> 'Actor'][0] AS kind
ORDER BY key, id
