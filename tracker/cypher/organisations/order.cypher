// Every organisation's id in list order (the whole list sorted by $sort as organisations/list
// sorts it, without search or filters): the organisations service caches it, so a page of the
// list reads only its own rows (organisations/rows).
// params: $sort, $desc
// One row holding the whole list: ten thousand one-column records cost the driver ~10x more
// than one list of the same ids. collect() keeps the order of the WITH ... ORDER BY before it.
// returns: ids
MATCH (n:Organisation)
WITH n, CASE $sort
  WHEN 'type' THEN toLower(n.type)
  WHEN 'nation' THEN toLower(n.nation)
  WHEN 'region' THEN toLower(n.region)
  WHEN 'events' THEN COUNT { (n)-[:CONTRIBUTED|ATTENDED]->() }
  ELSE toLower(n.name) END AS key
ORDER BY CASE WHEN $desc THEN key END DESC, CASE WHEN $desc THEN null ELSE key END ASC,
         toLower(n.name), n.id
RETURN collect(n.id) AS ids
