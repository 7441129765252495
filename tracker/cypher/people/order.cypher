// Every person's id in list order (the whole list sorted by $sort as people/list sorts it,
// without search or filters): cached by the list service, so a page reads only its own rows
// (people/rows).
// params: $sort, $desc
// One row holding the whole list: ten thousand one-column records cost the driver ~10x more
// than one list of the same ids. collect() keeps the order of the WITH ... ORDER BY before it.
// returns: ids
MATCH (n:Person)
WITH n, CASE $sort
  WHEN 'organisation' THEN toLower(COLLECT { MATCH (n)-[:WORKS_AT]->(o:Organisation) RETURN o.name }[0])
  ELSE toLower(n.name) END AS key
ORDER BY CASE WHEN $desc THEN key END DESC, CASE WHEN $desc THEN null ELSE key END ASC,
         toLower(n.name), n.id
RETURN collect(n.id) AS ids
