// How many rows reach/lapsed holds for the same dates and filters (the page's total): reached
// by a collaboration starting on or before $as_of (its last_reached is then not null), by none
// starting between $since and $as_of.
// params: $as_of, $since, $nation, $region, $type
// returns: total
MATCH (o:Organisation)
WHERE coalesce(o.status, 'open') <> 'closed'
  AND ($nation IS NULL OR o.nation = $nation)
  AND ($region IS NULL OR o.region = $region)
  AND ($type IS NULL OR o.type = $type)
  AND NOT EXISTS {
    MATCH (o)<-[:WORKS_AT]-{0,1}(x)-[:CONTRIBUTED|ATTENDED|SPOKE_AT]->(:Event)
          -[:PART_OF]->*(c)
    WHERE $since <= c.start <= $as_of AND NOT (c)-[:PART_OF]->(:Event)
  }
  AND EXISTS {
    MATCH (o)<-[:WORKS_AT]-{0,1}(x)-[:CONTRIBUTED|ATTENDED|SPOKE_AT]->(:Event)
          -[:PART_OF]->*(c)
    WHERE c.start <= $as_of AND NOT (c)-[:PART_OF]->(:Event)
  }
RETURN count(o) AS total
