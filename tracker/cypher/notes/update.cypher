// Change a note's text, recording who changed it and when; no row when it is missing.
// params: $id, $text, $user
// returns: id, kind, about
MATCH (n:Note {id: $id})-[:ABOUT]->(r)
SET n.text = $text, n.updated_at = datetime(), n.updated_by = $user
RETURN n.id AS id,
       CASE WHEN r:Organisation THEN 'organisation' WHEN r:Person THEN 'person' ELSE 'event' END
         AS kind,
       r.id AS about
