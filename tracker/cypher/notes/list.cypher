// Notes, newest first, optionally only those about one record ($kind and $about, or nulls);
// notes about people only when $personal.
// params: $kind, $about, $personal, $skip, $limit
// returns: total, rows (list of {id, text, author, created_at, updated_at, kind, about, about_name})
MATCH (n:Note)-[:ABOUT]->(r)
WITH n, r,
     CASE WHEN r:Organisation THEN 'organisation' WHEN r:Person THEN 'person' ELSE 'event' END
       AS kind
WHERE ($personal OR kind <> 'person')
  AND ($kind IS NULL OR (kind = $kind AND r.id = $about))
ORDER BY n.created_at DESC, n.id
WITH collect({id: n.id, text: n.text, author: n.author, created_at: n.created_at,
              updated_at: n.updated_at, kind: kind, about: r.id,
              about_name: coalesce(r.name, r.id)}) AS found
RETURN size(found) AS total, found[$skip..$skip + $limit] AS rows
