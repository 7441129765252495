// Every collaboration's id in the timeline's order (start date, then id): positions of
// collaborations/first_reach index this list.
// params: none
// One row holding the whole list: ten thousand one-column records cost the driver ~10x more
// than one list of the same ids. collect() keeps the order of the WITH ... ORDER BY before it.
// returns: ids
MATCH (c:Event)
WHERE c.start IS NOT NULL AND NOT (c)-[:PART_OF]->(:Event)
WITH c ORDER BY c.start, c.id
RETURN collect(c.id) AS ids
