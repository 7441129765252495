// Add a note about an organisation, a person or an event ($kind says which); no row when the
// record is missing.
// params: $id, $kind, $about, $text, $author
// returns: id, kind, about, about_name
CALL () {
  MATCH (r:Organisation {id: $about}) WHERE $kind = 'organisation' RETURN r
  UNION
  MATCH (r:Person {id: $about}) WHERE $kind = 'person' RETURN r
  UNION
  MATCH (r:Event {id: $about}) WHERE $kind = 'event' RETURN r
}
CREATE (n:Note {id: $id, text: $text, author: $author, created_at: datetime()})-[:ABOUT]->(r)
RETURN n.id AS id, $kind AS kind, r.id AS about, coalesce(r.name, r.id) AS about_name
