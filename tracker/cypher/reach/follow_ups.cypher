// Organisations (not closed) whose latest feedback on a collaboration starting on or before
// $as_of said they would work together again, and which have contributed to no collaboration
// after it (collaborations ordered by start, then id) up to $as_of; sorted by name, then id, and cut to
// $skip/$limit in the query (the whole list: $skip 0, $limit null; the count comes from
// reach/follow_ups_count).
// params: $skip, $limit, $as_of, $nation, $region, $type
// returns: id, name, nation, region, type, feedback_event, feedback_event_name, feedback_date
// c carries no label on purpose: the planner then walks up from each organisation's own few
// relationships instead of seeking every event by date once per organisation.
MATCH (o:Organisation)-[f:GAVE_FEEDBACK]->(:Event)-[:PART_OF]->*(fc)
WHERE coalesce(o.status, 'open') <> 'closed'
  AND ($nation IS NULL OR o.nation = $nation)
  AND ($region IS NULL OR o.region = $region)
  AND ($type IS NULL OR o.type = $type)
  AND fc.start <= $as_of AND NOT (fc)-[:PART_OF]->(:Event)
WITH o, f, fc
ORDER BY fc.start DESC, fc.id DESC
WITH o, head(collect({again: f.work_together_again, start: fc.start, id: fc.id,
                      name: fc.name})) AS latest
WHERE latest.again = true
  AND NOT EXISTS {
    MATCH (o)-[:CONTRIBUTED]->(:Event)-[:PART_OF]->*(c)
    WHERE NOT (c)-[:PART_OF]->(:Event) AND c.start <= $as_of
      AND (c.start > latest.start OR (c.start = latest.start AND c.id > latest.id))
  }
RETURN o.id AS id, o.name AS name, o.nation AS nation, o.region AS region, o.type AS type,
       latest.id AS feedback_event, latest.name AS feedback_event_name,
       latest.start AS feedback_date
ORDER BY name, id
SKIP $skip LIMIT coalesce($limit, 9223372036854775807)
