// Remove one organisation's feedback on an event.
// params: $event, $organisation
// returns: count
MATCH (o:Organisation {id: $organisation})-[f:GAVE_FEEDBACK]->(e:Event {id: $event})
DELETE f
RETURN count(*) AS count
