// For the given ids, the existing events among them and the id of each one's parent (null for
// a top-level event): a session row may reuse an id only if it is already this event's session.
// params: $ids
// returns: id, parent
UNWIND $ids AS id
MATCH (s:Event {id: id})
OPTIONAL MATCH (s)-[:PART_OF]->(p:Event)
RETURN s.id AS id, p.id AS parent
