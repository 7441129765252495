// Organisations (in the register or only in the tracker, not closed) not reached by $as_of
// that are members (on $as_of) of a partner network or sub-community which has contributed to
// a collaboration starting on or before $as_of; via lists those networks' ids, in_register
// says whether the organisation is in the register. Sorted by name, then id, and cut to
// $skip/$limit in the query (the whole list: $skip 0, $limit null; the count comes from
// reach/reachable_through_partners_count).
// params: $skip, $limit, $as_of, $nation, $region, $type
// returns: id, name, nation, region, type, in_register, via
// c carries no label on purpose: the planner then walks up from each organisation's own few
// relationships instead of seeking every event by date once per organisation.
MATCH (o:Organisation)
WHERE coalesce(o.status, 'open') <> 'closed'
  AND ($nation IS NULL OR o.nation = $nation)
  AND ($region IS NULL OR o.region = $region)
  AND ($type IS NULL OR o.type = $type)
  AND EXISTS { (o)-[:MEMBER_OF]->(:PartnerNetwork|SubCommunity) }
  AND NOT EXISTS {
    MATCH (o)<-[:WORKS_AT]-{0,1}(x)-[:CONTRIBUTED|ATTENDED|SPOKE_AT]->(:Event)
          -[:PART_OF]->*(c)
    WHERE c.start <= $as_of AND NOT (c)-[:PART_OF]->(:Event)
  }
WITH o, COLLECT {
  MATCH (o)-[m:MEMBER_OF]->(n:PartnerNetwork|SubCommunity)
  WHERE (m.since IS NULL OR m.since <= $as_of) AND (m.until IS NULL OR m.until >= $as_of)
    AND EXISTS {
      MATCH (n)-[:CONTRIBUTED]->(:Event)-[:PART_OF]->*(c)
      WHERE c.start <= $as_of AND NOT (c)-[:PART_OF]->(:Event)
    }
  RETURN DISTINCT n.id AS via
  ORDER BY via
} AS via
WHERE size(via) > 0
RETURN o.id AS id, o.name AS name, o.nation AS nation, o.region AS region, o.type AS type,
       o.register_source IS NOT NULL AS in_register, via
ORDER BY name, id
SKIP $skip LIMIT coalesce($limit, 9223372036854775807)
