// The event an attendee list is for, with the earlier attendance imports of that event.
// params: $id
// returns: id, name, start, imports
MATCH (e:Event {id: $id})
OPTIONAL MATCH (i:AttendanceImport)-[:FOR]->(e)
WITH e, i ORDER BY i.imported_at
RETURN e.id AS id, e.name AS name, e.start AS start,
       [x IN collect({id: i.id, file: i.file, sha256: i.sha256, imported_at: i.imported_at})
        WHERE x.id IS NOT NULL] AS imports
