// Actors of the collaboration network as of a date: every actor that contributed to a
// collaboration (or one of its sessions) on or before $as_of (null: ever), with the fields the
// analytics and the page show. type is the kind of actor; category an organisation's own type.
// params: $as_of
// returns: id, name, type, category, nation, region
MATCH (c:Event)
WHERE NOT (c)-[:PART_OF]->(:Event)
  AND ($as_of IS NULL OR c.start <= date($as_of))
MATCH (c)<-[:PART_OF*0..]-(:Event)<-[:CONTRIBUTED]-(x:Actor)
WITH DISTINCT x
RETURN x.id AS id,
       x.name AS name,
       CASE
         WHEN x:Organisation THEN 'organisation'
         WHEN x:PartnerNetwork THEN 'partner_network'
         WHEN x:SubCommunity THEN 'sub_community'
         ELSE 'community'
       END AS type,
       CASE WHEN x:Organisation THEN x.type ELSE null END AS category,
       x.nation AS nation,
       x.region AS region
ORDER BY id
