// The notes and follow-ups about one person (for a subject access request).
// params: $id
// returns: notes, follow_ups
MATCH (p:Person {id: $id})
RETURN
  COLLECT { MATCH (n:Note)-[:ABOUT]->(p) WITH n ORDER BY n.created_at, n.id
            RETURN n {.id, .text, .author, .created_at, .updated_at, .updated_by} } AS notes,
  COLLECT { MATCH (f:FollowUp)-[:ABOUT]->(p) WITH f ORDER BY f.due, f.id
            RETURN f {.id, .title, .owner, .due, .done_at, .done_by, .created_at,
                      .created_by} } AS follow_ups
