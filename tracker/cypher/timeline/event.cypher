// One page of an event's timeline, newest first: notes about it and its own sessions (dated by
// their start).
// params: $id, $skip, $limit
// returns: total, items (list of {at, kind, id, title, text, author, updated_at, detail})
MATCH (ev:Event {id: $id})
CALL (ev) {
  MATCH (n:Note)-[:ABOUT]->(ev)
  RETURN {at: n.created_at, kind: 'note', id: n.id, text: n.text, author: n.author,
          updated_at: n.updated_at} AS item
  UNION ALL
  MATCH (s:Event)-[:PART_OF]->(ev)
  RETURN {at: datetime({date: s.start}), kind: 'event', id: s.id, title: s.name,
          detail: ['session']} AS item
}
WITH item ORDER BY item.at DESC, item.kind, item.id
WITH collect(item) AS found
RETURN size(found) AS total, found[$skip..$skip + $limit] AS items
