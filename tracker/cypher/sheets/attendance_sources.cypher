// Where an event's attendance came from: the imports of the event and of its sessions.
// params: $event
// returns: import_id, event, event_name, file, format, sheet, rows, unattributed, people,
//          imported_at, imported_by, organisations, attendees
MATCH (i:AttendanceImport)-[:FOR]->(x:Event)-[:PART_OF*0..]->(:Event {id: $event})
OPTIONAL MATCH (i)-[c:COUNTED]->(:Organisation)
WITH i, x, count(c) AS organisations, coalesce(sum(c.attendees), 0) AS attendees
RETURN i.id AS import_id, x.id AS event, x.name AS event_name, i.file AS file, i.format AS format,
       i.sheet AS sheet, i.rows AS rows, i.unattributed AS unattributed, i.people AS people,
       i.imported_at AS imported_at, i.imported_by AS imported_by, organisations, attendees
ORDER BY imported_at, import_id
