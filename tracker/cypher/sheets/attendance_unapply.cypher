// Undo an earlier attendance import: subtract its counts from the event's attendance (removing
// attendance that falls to zero), unlink the people it added, and delete the import record.
// params: $import_id
// returns: count
MATCH (i:AttendanceImport {id: $import_id})-[:FOR]->(e:Event)
CALL (i, e) {
  OPTIONAL MATCH (i)-[c:COUNTED]->(o:Organisation)-[a:ATTENDED]->(e)
  SET a.attendees = a.attendees - c.attendees
  WITH a WHERE a IS NOT NULL AND a.attendees <= 0
  DELETE a
}
CALL (i) {
  OPTIONAL MATCH (:Person)-[p:ATTENDED {source: i.id}]->(:Event)
  DELETE p
}
DETACH DELETE i
RETURN count(*) AS count
