// Open register organisations with their alternative names, for fuzzy matching of names.
// params: none
// returns: id, name, nation, region, type, alt_names
MATCH (o:Organisation)
WHERE o.register_source IS NOT NULL AND coalesce(o.status, 'open') = 'open'
RETURN o.id AS id, o.name AS name, o.nation AS nation, o.region AS region, o.type AS type,
       coalesce(o.alt_names, []) AS alt_names
ORDER BY id
