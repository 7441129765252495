// How many rows reach/follow_ups holds for the same date and filters (the page's total).
// params: $as_of, $nation, $region, $type
// returns: total
// c carries no label on purpose (see reach/follow_ups).
MATCH (o:Organisation)-[f:GAVE_FEEDBACK]->(:Event)-[:PART_OF]->*(fc)
WHERE coalesce(o.status, 'open') <> 'closed'
  AND ($nation IS NULL OR o.nation = $nation)
  AND ($region IS NULL OR o.region = $region)
  AND ($type IS NULL OR o.type = $type)
  AND fc.start <= $as_of AND NOT (fc)-[:PART_OF]->(:Event)
WITH o, f, fc
ORDER BY fc.start DESC, fc.id DESC
WITH o, head(collect({again: f.work_together_again, start: fc.start, id: fc.id})) AS latest
WHERE latest.again = true
  AND NOT EXISTS {
    MATCH (o)-[:CONTRIBUTED]->(:Event)-[:PART_OF]->*(c)
    WHERE NOT (c)-[:PART_OF]->(:Event) AND c.start <= $as_of
      AND (c.start > latest.start OR (c.start = latest.start AND c.id > latest.id))
  }
RETURN count(o) AS total
