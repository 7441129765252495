// One page of engaged organisations (they contributed, attended, gave feedback, or a person of
// theirs spoke or attended) that are not register entries, by id. `o.id > ''` lets the planner
// walk the id index in order and stop after the page, instead of sorting every organisation.
// params: $skip, $limit
// returns: id, name, nation, region, type
MATCH (o:Organisation)
WHERE o.id > '' AND o.register_source IS NULL
  AND EXISTS {
    MATCH (o)<-[:WORKS_AT]-{0,1}(x)-[:CONTRIBUTED|ATTENDED|SPOKE_AT|GAVE_FEEDBACK]->(:Event)
  }
RETURN o.id AS id, o.name AS name, o.nation AS nation, o.region AS region, o.type AS type
ORDER BY id
SKIP $skip LIMIT $limit
