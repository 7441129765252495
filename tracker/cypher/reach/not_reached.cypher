// Open register organisations that no collaboration starting on or before $as_of has reached
// (attended or contributed to it or one of its sessions, directly or through a person who
// works there), optionally filtered by nation, region and type; sorted by name, then id, and cut to
// $skip/$limit in the query (the whole list: $skip 0, $limit null; the count comes from
// reach/not_reached_count).
// params: $skip, $limit, $as_of, $nation, $region, $type
// returns: id, name, nation, region, type
// c carries no label on purpose: the planner then walks up from each organisation's own few
// relationships instead of seeking every event by date once per organisation.
MATCH (o:Organisation)
WHERE o.register_source IS NOT NULL
  AND coalesce(o.status, 'open') = 'open'
  AND ($nation IS NULL OR o.nation = $nation)
  AND ($region IS NULL OR o.region = $region)
  AND ($type IS NULL OR o.type = $type)
  AND NOT EXISTS {
    MATCH (o)<-[:WORKS_AT]-{0,1}(x)-[:CONTRIBUTED|ATTENDED|SPOKE_AT]->(:Event)
          -[:PART_OF]->*(c)
    WHERE c.start <= $as_of AND NOT (c)-[:PART_OF]->(:Event)
  }
RETURN o.id AS id, o.name AS name, o.nation AS nation, o.region AS region, o.type AS type
ORDER BY name, id
SKIP $skip LIMIT coalesce($limit, 9223372036854775807)
