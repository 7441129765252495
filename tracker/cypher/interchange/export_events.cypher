// Every event with its parent, contributors, attendance, speakers, attendees and feedback.
// params: none
// returns: props, parent, contributors, attendance, speakers, attendees, feedback
MATCH (e:Event)
OPTIONAL MATCH (e)-[:PART_OF]->(p:Event)
RETURN properties(e) AS props, p.id AS parent,
       [(a:Actor)-[c:CONTRIBUTED]->(e) | {actor: a.id, role: c.role}] AS contributors,
       [(o:Organisation)-[r:ATTENDED]->(e) | {organisation: o.id, attendees: r.attendees}] AS attendance,
       [(s:Person)-[:SPOKE_AT]->(e) | s.id] AS speakers,
       [(x:Person)-[:ATTENDED]->(e) | x.id] AS attendees,
       [(o:Organisation)-[f:GAVE_FEEDBACK]->(e) |
          {organisation: o.id, rating: f.rating, work_together_again: f.work_together_again,
           comment: f.comment}] AS feedback
ORDER BY e.id
