// Which of the given ids the database already holds, and under which label.
// params: $actors, $people, $events
// returns: kind, id, label
CALL () {
  UNWIND $actors AS i
  MATCH (a:Actor {id: i})
  RETURN 'actor' AS kind, a.id AS id,
         [l IN labels(a) WHERE l IN ['Community', 'SubCommunity', 'PartnerNetwork', 'Organisation']][0] AS label
  UNION ALL
  UNWIND $people AS i
  MATCH (p:Person {id: i})
  RETURN 'person' AS kind, p.id AS id, 'Person' AS label
  UNION ALL
  UNWIND $events AS i
  MATCH (e:Event {id: i})
  RETURN 'event' AS kind, e.id AS id, 'Event' AS label
}
RETURN kind, id, label
