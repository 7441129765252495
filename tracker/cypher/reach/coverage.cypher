// Coverage of the open register by $by ('nation', 'region' or 'type'): per group, how many
// organisations it holds and how many a collaboration starting on or before $as_of reached.
// params: $by, $as_of, $nation, $region, $type
// returns: group, in_register, reached, share
// c carries no label on purpose: the planner then walks up from each organisation's own few
// relationships instead of seeking every event by date once per organisation.
MATCH (o:Organisation)
WHERE o.register_source IS NOT NULL
  AND coalesce(o.status, 'open') = 'open'
  AND ($nation IS NULL OR o.nation = $nation)
  AND ($region IS NULL OR o.region = $region)
  AND ($type IS NULL OR o.type = $type)
WITH CASE $by WHEN 'nation' THEN o.nation WHEN 'region' THEN o.region ELSE o.type END AS key,
     EXISTS {
       MATCH (o)<-[:WORKS_AT]-{0,1}(x)-[:CONTRIBUTED|ATTENDED|SPOKE_AT]->(:Event)
             -[:PART_OF]->*(c)
       WHERE c.start <= $as_of AND NOT (c)-[:PART_OF]->(:Event)
     } AS was_reached
WITH coalesce(key, '(not given)') AS grp, count(*) AS in_register,
     sum(CASE WHEN was_reached THEN 1 ELSE 0 END) AS reached
RETURN grp AS `group`, in_register, reached,
       round(toFloat(reached) / in_register, 4) AS share
ORDER BY `group`
