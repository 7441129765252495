// One organisation's page head in one read: the organisation, its memberships, successors and
// predecessors, and the size of each paged section (organisations/events, organisations/partners,
// organisations/people) with its first and last engagement.
// params: $id
// returns: item, memberships, successors, predecessors, events_total, partners_total, people_total, first_engagement, last_engagement
MATCH (o:Organisation {id: $id})
CALL (o) {
  OPTIONAL MATCH (o)-[:CONTRIBUTED|ATTENDED]->(e:Event)
  RETURN count(DISTINCT e) AS events_total, min(e.start) AS first_engagement,
         max(e.start) AS last_engagement
}
CALL (o) {
  OPTIONAL MATCH (o)-[:CONTRIBUTED]->(:Event)-[:PART_OF*0..]->(top:Event)
  WHERE NOT EXISTS { (top)-[:PART_OF]->(:Event) }
  WITH DISTINCT top
  OPTIONAL MATCH (a:Actor)-[:CONTRIBUTED]->(:Event)-[:PART_OF*0..]->(top)
  WHERE a <> o
  RETURN count(DISTINCT a) AS partners_total
}
RETURN o {.*} AS item,
  COLLECT { MATCH (o)-[m:MEMBER_OF]->(g:Actor) WITH g, m ORDER BY toLower(g.name), g.id
            RETURN {id: g.id, name: g.name, kind: [l IN labels(g) WHERE l <> 'Actor'][0],
                    since: m.since, until: m.until} } AS memberships,
  COLLECT { MATCH (o)-[:SUCCEEDED_BY]->(s:Organisation) RETURN s {.id, .name} } AS successors,
  COLLECT { MATCH (s:Organisation)-[:SUCCEEDED_BY]->(o) RETURN s {.id, .name} } AS predecessors,
  events_total, partners_total, COUNT { (o)<-[:WORKS_AT]-(:Person) } AS people_total,
  first_engagement, last_engagement
