// The list rows of the events with the given ids, in the order of $ids (one page of a cached
// list order, events/order), with the totals events/list gives.
// params: $ids
// returns: id, name, start, end, parent_id, parent_name, sessions, contributors, attendees
UNWIND range(0, size($ids) - 1) AS i
MATCH (e:Event {id: $ids[i]})
OPTIONAL MATCH (e)-[:PART_OF]->(parent:Event)
CALL (e) {
  OPTIONAL MATCH (s:Event)-[:PART_OF*1..]->(e)
  RETURN count(DISTINCT s) AS sessions
}
CALL (e) {
  OPTIONAL MATCH (a:Actor)-[:CONTRIBUTED]->(:Event)-[:PART_OF*0..]->(e)
  RETURN count(DISTINCT a) AS contributors
}
CALL (e) {
  OPTIONAL MATCH (:Organisation)-[att:ATTENDED]->(:Event)-[:PART_OF*0..]->(e)
  RETURN coalesce(sum(att.attendees), 0) AS attendees
}
WITH e, parent, sessions, contributors, attendees, i ORDER BY i
RETURN e.id AS id, e.name AS name, e.start AS start, e.end AS end, parent.id AS parent_id,
       parent.name AS parent_name, sessions, contributors, attendees
