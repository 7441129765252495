// The follow-up of feedback saying "would work together again": one per event and organisation
// (MERGE on its origin, so recording or importing the same feedback again adds nothing), owned
// by $owner, due on $due, about the organisation; its title is cut to $max_title characters.
// Returns only those created now.
// params: $rows (list of {id, event, organisation}), $owner, $due, $max_title
// returns: id, event, organisation
UNWIND $rows AS row
MATCH (e:Event {id: row.event})<-[fb:GAVE_FEEDBACK]-(o:Organisation {id: row.organisation})
WHERE fb.work_together_again = true
MERGE (f:FollowUp {origin: 'feedback|' + e.id + '|' + o.id})
  ON CREATE SET f.id = row.id, f.title = left('Plan the next collaboration with ' + o.name, $max_title),
                f.owner = $owner, f.due = date($due),
                f.created_by = $owner, f.created_at = datetime()
MERGE (f)-[:ABOUT]->(o)
WITH f, e, o, row WHERE f.id = row.id
RETURN f.id AS id, e.id AS event, o.id AS organisation
