// One page of the events an organisation contributed to or attended, latest first: its roles,
// whether it attended and how many came, and the parent of a session.
// params: $id, $skip, $limit
// returns: id, name, start, end, roles, attended, attendees, parent, parent_name
MATCH (o:Organisation {id: $id})-[r:CONTRIBUTED|ATTENDED]->(e:Event)
WITH e, [x IN collect(r) WHERE type(x) = 'CONTRIBUTED' | x.role] AS roles,
     sum(CASE WHEN type(r) = 'ATTENDED' THEN coalesce(r.attendees, 0) END) AS attendees,
     max(CASE WHEN type(r) = 'ATTENDED' THEN 1 ELSE 0 END) AS attended
ORDER BY e.start DESC, e.id
SKIP $skip LIMIT $limit
OPTIONAL MATCH (e)-[:PART_OF]->(parent:Event)
RETURN e.id AS id, e.name AS name, e.start AS start, e.end AS end, roles,
       attended = 1 AS attended, attendees, parent.id AS parent, parent.name AS parent_name
