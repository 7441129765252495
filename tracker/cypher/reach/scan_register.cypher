// Every open register organisation once, with no reach test: the benchmark's yardstick.
// params: none
// returns: id, name, nation, region, type
MATCH (o:Organisation)
WHERE o.register_source IS NOT NULL AND coalesce(o.status, 'open') = 'open'
RETURN o.id AS id, o.name AS name, o.nation AS nation, o.region AS region, o.type AS type
ORDER BY id
