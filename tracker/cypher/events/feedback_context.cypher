// The event and organisation a feedback form is about, with the feedback already given.
// params: $event, $organisation
// returns: event_id, event_name, organisation_id, organisation_name, rating, work_together_again, comment
MATCH (e:Event {id: $event})
OPTIONAL MATCH (o:Organisation {id: $organisation})
OPTIONAL MATCH (o)-[f:GAVE_FEEDBACK]->(e)
RETURN e.id AS event_id, e.name AS event_name, o.id AS organisation_id,
       o.name AS organisation_name, f.rating AS rating,
       f.work_together_again AS work_together_again, f.comment AS comment
