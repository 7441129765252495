// Keep the people of an attendance import (only when the coordinator chose to): each works at
// their organisation and attended the event; no e-mail address is stored.
// params: $import_id, $event, $rows (list of {id, name, organisation})
// returns: count
MATCH (e:Event {id: $event})
UNWIND $rows AS r
MATCH (o:Organisation {id: r.organisation})
MERGE (p:Person {id: r.id})
ON CREATE SET p.name = r.name
MERGE (p)-[:WORKS_AT]->(o)
MERGE (p)-[a:ATTENDED]->(e)
SET a.source = $import_id
RETURN count(DISTINCT p) AS count
