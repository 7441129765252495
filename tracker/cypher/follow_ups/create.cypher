// Add a follow-up about an organisation, a person or an event, owned by an existing user; no
// row when the record or the owner is missing.
// params: $id, $kind, $about, $title, $owner, $due, $user
// returns: id, kind, about, about_name
CALL () {
  MATCH (r:Organisation {id: $about}) WHERE $kind = 'organisation' RETURN r
  UNION
  MATCH (r:Person {id: $about}) WHERE $kind = 'person' RETURN r
  UNION
  MATCH (r:Event {id: $about}) WHERE $kind = 'event' RETURN r
}
MATCH (:User {username: $owner})
CREATE (f:FollowUp {id: $id, title: $title, owner: $owner, due: date($due),
                    created_by: $user, created_at: datetime()})-[:ABOUT]->(r)
RETURN f.id AS id, $kind AS kind, r.id AS about, coalesce(r.name, r.id) AS about_name
