// Every follow-up with the record it is about, for the interchange export.
// params: none
// returns: id, title, owner, due, done_at, done_by, created_at, created_by, origin, kind, about
MATCH (f:FollowUp)-[:ABOUT]->(r)
RETURN f.id AS id, f.title AS title, f.owner AS owner, f.due AS due, f.done_at AS done_at,
       f.done_by AS done_by, f.created_at AS created_at, f.created_by AS created_by,
       f.origin AS origin,
       CASE WHEN r:Organisation THEN 'organisation' WHEN r:Person THEN 'person' ELSE 'event' END
         AS kind,
       r.id AS about
ORDER BY f.id
