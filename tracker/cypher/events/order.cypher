// Every collaboration's id (top-level events only) in list order, sorted by $sort (start or
// name; $desc reverses) as events/list sorts it without filters: cached by the list service,
// so a page reads only its own rows (events/rows).
// params: $sort, $desc
// One row holding the whole list: ten thousand one-column records cost the driver ~10x more
// than one list of the same ids. collect() keeps the order of the WITH ... ORDER BY before it.
// returns: ids
MATCH (e:Event)
WHERE NOT (e)-[:PART_OF]->(:Event)
WITH e, CASE $sort WHEN 'name' THEN toLower(e.name) ELSE e.start END AS key
ORDER BY CASE WHEN $desc THEN key END DESC, CASE WHEN $desc THEN null ELSE key END ASC,
         CASE WHEN $desc THEN e.id END DESC, CASE WHEN $desc THEN null ELSE e.id END ASC
RETURN collect(e.id) AS ids
