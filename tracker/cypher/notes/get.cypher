// One note with the record it is about.
// params: $id
// returns: id, text, author, created_at, updated_at, updated_by, kind, about, about_name
MATCH (n:Note {id: $id})-[:ABOUT]->(r)
RETURN n.id AS id, n.text AS text, n.author AS author, n.created_at AS created_at,
       n.updated_at AS updated_at, n.updated_by AS updated_by,
       CASE WHEN r:Organisation THEN 'organisation' WHEN r:Person THEN 'person' ELSE 'event' END
         AS kind,
       r.id AS about, coalesce(r.name, r.id) AS about_name
