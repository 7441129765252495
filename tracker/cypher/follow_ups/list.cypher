// Follow-ups: $show is 'open', 'overdue' (open, due before $today), 'done' or 'any'; only
// $owner's when given; only about one record when $kind and $about are given; those about
// people only when $personal. Open ones first by due date, then done ones, latest first.
// params: $show, $owner, $today, $kind, $about, $personal, $skip, $limit
// returns: total, rows (list of {id, title, owner, due, overdue, done_at, done_by, created_at,
//   created_by, origin, kind, about, about_name})
MATCH (f:FollowUp)-[:ABOUT]->(r)
WHERE ($owner IS NULL OR f.owner = $owner)
  AND CASE $show
        WHEN 'open' THEN f.done_at IS NULL
        WHEN 'overdue' THEN f.done_at IS NULL AND f.due < date($today)
        WHEN 'done' THEN f.done_at IS NOT NULL
        ELSE true END
WITH f, r,
     CASE WHEN r:Organisation THEN 'organisation' WHEN r:Person THEN 'person' ELSE 'event' END
       AS kind
WHERE ($personal OR kind <> 'person')
  AND ($kind IS NULL OR (kind = $kind AND r.id = $about))
ORDER BY f.done_at IS NOT NULL, CASE WHEN f.done_at IS NULL THEN f.due END ASC,
         f.done_at DESC, f.id
WITH collect({id: f.id, title: f.title, owner: f.owner, due: f.due,
              overdue: f.done_at IS NULL AND f.due < date($today), done_at: f.done_at,
              done_by: f.done_by, created_at: f.created_at, created_by: f.created_by,
              origin: f.origin, kind: kind, about: r.id,
              about_name: coalesce(r.name, r.id)}) AS found
RETURN size(found) AS total, found[$skip..$skip + $limit] AS rows
