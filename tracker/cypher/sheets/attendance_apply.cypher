// Record one attendance import: the import (file, rows, who, when) for the event, and its count
// per organisation added to the event's attendance.
// params: $import_id, $event, $props, $rows (list of {organisation, attendees, how})
// returns: count
MATCH (e:Event {id: $event})
CREATE (i:AttendanceImport {id: $import_id})
SET i += $props, i.event = $event, i.imported_at = datetime()
CREATE (i)-[:FOR]->(e)
WITH i, e
UNWIND $rows AS r
MATCH (o:Organisation {id: r.organisation})
MERGE (o)-[a:ATTENDED]->(e)
ON CREATE SET a.attendees = 0
SET a.attendees = coalesce(a.attendees, 0) + r.attendees
CREATE (i)-[:COUNTED {attendees: r.attendees, how: r.how}]->(o)
RETURN count(*) AS count
