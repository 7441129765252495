// Every collaboration's id in the timeline's order (start date, then id): positions of
// collaborations/first_reach index this list.
// params: none
// returns: id
MATCH (c:Event)
WHERE c.start IS NOT NULL AND NOT (c)-[:PART_OF]->(:Event)
RETURN c.id AS id
ORDER BY c.start, c.id
