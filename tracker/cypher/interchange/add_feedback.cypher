// Record organisations' feedback on events (one per organisation and event).
// params: $rows (list of {event, organisation, rating, work_together_again, comment})
// returns: count
UNWIND $rows AS r
MATCH (e:Event {id: r.event})
MATCH (o:Organisation {id: r.organisation})
MERGE (o)-[f:GAVE_FEEDBACK]->(e)
SET f.rating = r.rating, f.work_together_again = r.work_together_again, f.comment = r.comment
RETURN count(f) AS count
