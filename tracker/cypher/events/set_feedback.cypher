// Record (or replace) one organisation's feedback on an event.
// params: $event, $organisation, $rating, $work_together_again, $comment
// returns: event, organisation
MATCH (e:Event {id: $event})
MATCH (o:Organisation {id: $organisation})
MERGE (o)-[f:GAVE_FEEDBACK]->(e)
SET f.rating = $rating, f.work_together_again = $work_together_again, f.comment = $comment
RETURN e.id AS event, o.id AS organisation
