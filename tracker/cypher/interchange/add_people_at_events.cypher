// Record speakers (SPOKE_AT) and individual attendees (ATTENDED) of events.
// params: $speakers (list of {event, person}), $attendees (list of {event, person})
// returns: count
CALL () {
  UNWIND $speakers AS r
  MATCH (e:Event {id: r.event})
  MATCH (p:Person {id: r.person})
  MERGE (p)-[s:SPOKE_AT]->(e)
  RETURN count(s) AS n
  UNION ALL
  UNWIND $attendees AS r
  MATCH (e:Event {id: r.event})
  MATCH (p:Person {id: r.person})
  MERGE (p)-[a:ATTENDED]->(e)
  RETURN count(a) AS n
}
RETURN sum(n) AS count
