// One follow-up with the record it is about.
// params: $id
// returns: id, title, owner, due, done_at, done_by, kind, about, about_name
MATCH (f:FollowUp {id: $id})-[:ABOUT]->(r)
RETURN f.id AS id, f.title AS title, f.owner AS owner, f.due AS due, f.done_at AS done_at,
       f.done_by AS done_by,
       CASE WHEN r:Organisation THEN 'organisation' WHEN r:Person THEN 'person' ELSE 'event' END
         AS kind,
       r.id AS about, coalesce(r.name, r.id) AS about_name
