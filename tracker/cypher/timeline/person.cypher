// One page of a person's timeline, newest first: notes about them and the events they spoke at
// or attended (dated by their start).
// params: $id, $skip, $limit
// returns: total, items (list of {at, kind, id, title, text, author, updated_at, detail})
MATCH (p:Person {id: $id})
CALL (p) {
  MATCH (n:Note)-[:ABOUT]->(p)
  RETURN {at: n.created_at, kind: 'note', id: n.id, text: n.text, author: n.author,
          updated_at: n.updated_at} AS item
  UNION ALL
  MATCH (p)-[r:SPOKE_AT|ATTENDED]->(e:Event)
  WITH e, collect(DISTINCT CASE type(r) WHEN 'SPOKE_AT' THEN 'spoke' ELSE 'attended' END) AS how
  RETURN {at: datetime({date: e.start}), kind: 'event', id: e.id, title: e.name,
          detail: how} AS item
}
WITH item ORDER BY item.at DESC, item.kind, item.id
WITH collect(item) AS found
RETURN size(found) AS total, found[$skip..$skip + $limit] AS items
