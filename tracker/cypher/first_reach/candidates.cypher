// The organisations whose first reaching collaboration a write may change: those reaching the
// collaborations of the given events (any event of the collaboration: directly, or through a
// person who works there), those the given people work at, and the given organisations. Run
// before and after the write in its own transaction (tracker/db.py).
// params: $events, $people, $organisations
// returns: ids
CALL () {
  UNWIND $events AS event_id
  MATCH (:Event {id: event_id})-[:PART_OF*0..]->(c:Event)
  WHERE NOT (c)-[:PART_OF]->(:Event)
  WITH DISTINCT c  // an import names many events of one collaboration: look at it once
  MATCH (e:Event)-[:PART_OF*0..]->(c)
  CALL (e) {
    MATCH (o:Organisation)-[:ATTENDED|CONTRIBUTED]->(e)
    RETURN o
    UNION
    MATCH (o:Organisation)<-[:WORKS_AT]-(:Person)-[:SPOKE_AT|ATTENDED]->(e)
    RETURN o
  }
  RETURN o.id AS id
  UNION
  UNWIND $people AS person_id
  MATCH (:Person {id: person_id})-[:WORKS_AT]->(o:Organisation)
  RETURN o.id AS id
  UNION
  UNWIND $organisations AS id
  RETURN id
}
RETURN collect(DISTINCT id) AS ids
