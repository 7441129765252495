// How many events events/list pages through (the same filters).
// params: $q, $year, $role, $actor, $sessions
// returns: total
MATCH (e:Event)
WHERE ($sessions OR NOT (e)-[:PART_OF]->(:Event))
  AND ($q IS NULL OR toLower(e.name) CONTAINS toLower($q) OR e.id = $q)
  AND ($year IS NULL OR (e.start >= date({year: $year, month: 1, day: 1})
                         AND e.start < date({year: $year + 1, month: 1, day: 1})))
  AND (($actor IS NULL AND $role IS NULL) OR EXISTS {
        MATCH (a:Actor)-[c:CONTRIBUTED]->(x:Event)-[:PART_OF*0..]->(e)
        WHERE ($actor IS NULL OR a.id = $actor OR toLower(a.name) = toLower($actor))
          AND ($role IS NULL OR c.role = $role) })
RETURN count(e) AS total
