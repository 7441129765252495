// How many rows reach/reachable_through_partners holds for the same date and filters (the
// page's total): not reached, with at least one membership current on $as_of of a network
// that has contributed by $as_of (its via is then not empty).
// params: $as_of, $nation, $region, $type
// returns: total
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
  AND EXISTS {
    MATCH (o)-[m:MEMBER_OF]->(n:PartnerNetwork|SubCommunity)
    WHERE (m.since IS NULL OR m.since <= $as_of) AND (m.until IS NULL OR m.until >= $as_of)
      AND EXISTS {
        MATCH (n)-[:CONTRIBUTED]->(:Event)-[:PART_OF]->*(c)
        WHERE c.start <= $as_of AND NOT (c)-[:PART_OF]->(:Event)
      }
  }
RETURN count(o) AS total
