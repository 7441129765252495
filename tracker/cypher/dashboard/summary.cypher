// The dashboard's headline numbers in one read: reach (and the register's size), active
// networks and sub-communities, collaborations, links, and what the latest collaboration
// added (pairs of its contributors that were new or had worked together before).
// Collaborations are top-level events; contributors of their sessions count for them.
// params: none
// returns: demo, organisations, reached, register_size, reached_in_register, networks_active, sub_communities_active, collaborations, links, latest_id, latest_name, latest_start, latest_new_links, latest_strengthened_links
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
  // The built-in demo marks its events, so the page can say its figures are invented.
  RETURN EXISTS { MATCH (e:Event) WHERE e.demo = true } AS demo
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
CALL () {
  // Every collaboration with its contributors (sorted ids), the latest first.
  OPTIONAL MATCH (c:Event)
  WHERE NOT EXISTS { (c)-[:PART_OF]->(:Event) }
  OPTIONAL MATCH (a:Actor)-[:CONTRIBUTED]->(:Event)-[:PART_OF*0..]->(c)
  WITH c, a ORDER BY a.id
  WITH c, collect(DISTINCT a.id) AS ids
  ORDER BY c.start DESC, c.id DESC
  WITH collect(CASE WHEN c IS NULL THEN null
                    ELSE {id: c.id, name: c.name, start: c.start, ids: ids} END) AS collabs
  RETURN size(collabs) AS collaborations, collabs[0] AS latest, collabs
}
CALL (collabs) {
  // Each pair of contributors once per collaboration; position 0 is the latest.
  UNWIND range(0, size(collabs) - 1) AS k
  WITH k, collabs[k].ids AS ids
  UNWIND range(0, size(ids) - 2) AS i
  UNWIND range(i + 1, size(ids) - 1) AS j
  WITH [ids[i], ids[j]] AS pair, collect(k) AS positions
  RETURN count(pair) AS links,
         count(CASE WHEN 0 IN positions AND size(positions) = 1 THEN 1 END) AS latest_new_links,
         count(CASE WHEN 0 IN positions AND size(positions) > 1 THEN 1 END)
           AS latest_strengthened_links
}
RETURN demo, organisations, reached, register_size, reached_in_register, networks_active,
       sub_communities_active, collaborations, links,
       latest.id AS latest_id, latest.name AS latest_name, latest.start AS latest_start,
       latest_new_links, latest_strengthened_links
