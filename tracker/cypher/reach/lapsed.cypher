// Organisations (not closed) reached by a collaboration starting on or before $as_of but by
// none starting on or after $since (the date MONTHS calendar months before $as_of), with the
// start of the last collaboration that reached them; sorted by name, then id, and cut to
// $skip/$limit in the query (the whole list: $skip 0, $limit null; the count comes from
// reach/lapsed_count).
// params: $skip, $limit, $as_of, $since, $nation, $region, $type
// returns: id, name, nation, region, type, last_reached
// c carries no label on purpose: the planner then walks up from each organisation's own few
// relationships instead of seeking every event by date once per organisation.
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
CALL (o) {
  MATCH (o)<-[:WORKS_AT]-{0,1}(x)-[:CONTRIBUTED|ATTENDED|SPOKE_AT]->(:Event)
        -[:PART_OF]->*(c)
  WHERE c.start <= $as_of AND NOT (c)-[:PART_OF]->(:Event)
  RETURN max(c.start) AS last_reached
}
WITH o, last_reached
WHERE last_reached IS NOT NULL
RETURN o.id AS id, o.name AS name, o.nation AS nation, o.region AS region, o.type AS type,
       last_reached
ORDER BY name, id
SKIP $skip LIMIT coalesce($limit, 9223372036854775807)
