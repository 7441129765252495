// How many rows reach/not_reached holds for the same date and filters (the page's total).
// params: $as_of, $nation, $region, $type
// returns: total
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
RETURN count(o) AS total
