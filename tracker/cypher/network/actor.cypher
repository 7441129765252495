// One actor by id (index-backed through the Actor id constraint), for the ego view.
// params: $id
// returns: id, name, type
MATCH (x:Actor {id: $id})
RETURN x.id AS id,
       x.name AS name,
       CASE
         WHEN x:Organisation THEN 'organisation'
         WHEN x:PartnerNetwork THEN 'partner_network'
         WHEN x:SubCommunity THEN 'sub_community'
         ELSE 'community'
       END AS type
