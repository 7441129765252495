// What deleting an event removes: the event, all its sessions (nested), and how many
// contributions, attendance records, speaker and attendee links and feedback go with them.
// params: $id
// returns: id, name, sessions (list of {id, name}), contributions, attendance, speakers, attendees, feedback
MATCH (e:Event {id: $id})
OPTIONAL MATCH (x:Event)-[:PART_OF*0..]->(e)
WITH e, collect(DISTINCT x) AS tree
RETURN e.id AS id, e.name AS name,
       [s IN tree WHERE s <> e | {id: s.id, name: s.name}] AS sessions,
       COUNT { MATCH (:Actor)-[r:CONTRIBUTED]->(x) WHERE x IN tree } AS contributions,
       COUNT { MATCH (:Organisation)-[r:ATTENDED]->(x) WHERE x IN tree } AS attendance,
       COUNT { MATCH (:Person)-[r:SPOKE_AT]->(x) WHERE x IN tree } AS speakers,
       COUNT { MATCH (:Person)-[r:ATTENDED]->(x) WHERE x IN tree } AS attendees,
       COUNT { MATCH (:Organisation)-[r:GAVE_FEEDBACK]->(x) WHERE x IN tree } AS feedback
