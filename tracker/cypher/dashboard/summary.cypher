// The dashboard's headline counts in one read: reach (and the register's size), active
// networks and sub-communities. Collaborations, links and what the latest collaboration added
// come from the growth timeline (tracker.services.dashboard), the app's one replay of links.
// params: none
// returns: organisations, reached, register_size, reached_in_register, networks_active, sub_communities_active
CALL () {
  // The register is its open entries: a body that left it is kept (it has history) but closed.
  MATCH (o:Organisation)
  RETURN count(o) AS organisations,
         count(CASE WHEN o.register_source IS NOT NULL
                     AND coalesce(o.status, 'open') = 'open' THEN 1 END) AS register_size
}
CALL () {
  // Reached: attended or contributed, directly or through a person who works there.
  MATCH (o:Organisation)
  WHERE EXISTS { (o)-[:ATTENDED|CONTRIBUTED]->(:Event) }
     OR EXISTS { (o)<-[:WORKS_AT]-(:Person)-[:SPOKE_AT|ATTENDED]->(:Event) }
  RETURN count(o) AS reached,
         count(CASE WHEN o.register_source IS NOT NULL
                     AND coalesce(o.status, 'open') = 'open' THEN 1 END) AS reached_in_register
}
CALL () {
  OPTIONAL MATCH (n:PartnerNetwork)
  WHERE EXISTS { (n)-[:CONTRIBUTED]->(:Event) }
  RETURN count(n) AS networks_active
}
CALL () {
  OPTIONAL MATCH (n:SubCommunity)
  WHERE EXISTS { (n)-[:CONTRIBUTED]->(:Event) }
  RETURN count(n) AS sub_communities_active
}
RETURN organisations, reached, register_size, reached_in_register, networks_active,
       sub_communities_active
