// Every actor that contributed to an event (a collaboration or any of its sessions), with the
// fields the analytics and the page show; which of them are in the network as of a date comes
// from the growth timeline. type is the kind of actor; category an organisation's own type.
// params: none
// returns: id, name, type, category, nation, region
MATCH (x:Actor)
WHERE EXISTS { (x)-[:CONTRIBUTED]->(:Event) }
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
