// One page of events matching the filters, sorted by $sort (start or name; $desc reverses) and
// cut to the page in the query (the total comes from events/count), with per-event totals
// (sessions, distinct contributors, attendees) counted over the event and its sessions.
// params: $q, $year, $role, $actor, $sessions, $sort, $desc, $skip, $limit
// returns: id, name, start, end, parent_id, parent_name, sessions, contributors, attendees
MATCH (e:Event)
WHERE ($sessions OR NOT (e)-[:PART_OF]->(:Event))
  AND ($q IS NULL OR toLower(e.name) CONTAINS toLower($q) OR e.id = $q)
  AND ($year IS NULL OR (e.start >= date({year: $year, month: 1, day: 1})
                         AND e.start < date({year: $year + 1, month: 1, day: 1})))
  AND (($actor IS NULL AND $role IS NULL) OR EXISTS {
        MATCH (a:Actor)-[c:CONTRIBUTED]->(x:Event)-[:PART_OF*0..]->(e)
        WHERE ($actor IS NULL OR a.id = $actor OR toLower(a.name) = toLower($actor))
          AND ($role IS NULL OR c.role = $role) })
WITH e, CASE $sort WHEN 'name' THEN toLower(e.name) ELSE e.start END AS key
ORDER BY CASE WHEN $desc THEN key END DESC, CASE WHEN $desc THEN null ELSE key END ASC,
         CASE WHEN $desc THEN e.id END DESC, CASE WHEN $desc THEN null ELSE e.id END ASC
SKIP $skip LIMIT $limit
OPTIONAL MATCH (e)-[:PART_OF]->(parent:Event)
CALL (e) {
  OPTIONAL MATCH (s:Event)-[:PART_OF*1..]->(e)
  RETURN count(DISTINCT s) AS sessions
}
CALL (e) {
  OPTIONAL MATCH (a:Actor)-[:CONTRIBUTED]->(:Event)-[:PART_OF*0..]->(e)
  RETURN count(DISTINCT a) AS contributors
}
CALL (e) {
  OPTIONAL MATCH (:Organisation)-[att:ATTENDED]->(:Event)-[:PART_OF*0..]->(e)
  RETURN coalesce(sum(att.attendees), 0) AS attendees
}
RETURN e.id AS id, e.name AS name, e.start AS start, e.end AS end, parent.id AS parent_id,
       parent.name AS parent_name, sessions, contributors, attendees
