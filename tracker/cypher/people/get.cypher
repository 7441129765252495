// One person with their organisation and the events they spoke at or attended, in one read.
// params: $id
// returns: item, organisation, events
MATCH (n:Person {id: $id})
RETURN n {.*} AS item,
  COLLECT { MATCH (n)-[:WORKS_AT]->(o:Organisation) RETURN o {.id, .name} }[0] AS organisation,
  COLLECT { MATCH (n)-[r:SPOKE_AT|ATTENDED]->(e:Event) WITH e, r ORDER BY e.start DESC, e.id
            RETURN {id: e.id, name: e.name, start: e.start, how: type(r)} } AS events
