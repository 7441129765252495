// Every organisation's id, name and alternative names: what the name matcher indexes.
// params: none
// returns: id, name, alt_names
MATCH (o:Organisation)
RETURN o.id AS id, o.name AS name, coalesce(o.alt_names, []) AS alt_names
ORDER BY id
