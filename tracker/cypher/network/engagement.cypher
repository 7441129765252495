// Engagement network as of a date: organisations to the collaborations they attended (sessions
// rolled up), with the attendees of all its sessions summed. For reach views.
// params: $as_of
// returns: organisation, name, collaboration, title, date, attendees
MATCH (c:Event)
WHERE NOT (c)-[:PART_OF]->(:Event)
  AND ($as_of IS NULL OR c.start <= date($as_of))
MATCH (c)<-[:PART_OF*0..]-(:Event)<-[a:ATTENDED]-(o:Organisation)
RETURN o.id AS organisation, o.name AS name, c.id AS collaboration, c.name AS title,
       c.start AS date, sum(coalesce(a.attendees, 0)) AS attendees
ORDER BY collaboration, organisation
