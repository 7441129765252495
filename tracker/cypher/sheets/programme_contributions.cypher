// Replace the contributions a programme sheet gave its events: those it wrote before go, the
// sheet's go in (contributions typed by hand are kept).
// params: $source, $events, $rows (list of {event, actor, role})
// returns: count
CALL () {
  UNWIND $events AS id
  MATCH (:Actor)-[c:CONTRIBUTED {source: $source}]->(:Event {id: id})
  DELETE c
}
UNWIND $rows AS r
MATCH (e:Event {id: r.event})
MATCH (a:Actor {id: r.actor})
MERGE (a)-[c:CONTRIBUTED {role: r.role}]->(e)
ON CREATE SET c.source = $source
RETURN count(c) AS count
