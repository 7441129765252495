// One page of an organisation's timeline, newest first: its notes, the events it contributed
// to or attended (dated by their start, with how it took part) and the merges it was part of.
// params: $id, $skip, $limit
// returns: total, items (list of {at, kind, id, title, text, author, updated_at, detail})
MATCH (o:Organisation {id: $id})
CALL (o) {
  MATCH (n:Note)-[:ABOUT]->(o)
  RETURN {at: n.created_at, kind: 'note', id: n.id, text: n.text, author: n.author,
          updated_at: n.updated_at} AS item
  UNION ALL
  MATCH (o)-[r:CONTRIBUTED|ATTENDED]->(e:Event)
  WITH e, collect(DISTINCT CASE WHEN type(r) = 'ATTENDED' THEN 'attended' ELSE r.role END) AS how
  RETURN {at: datetime({date: e.start}), kind: 'event', id: e.id, title: e.name,
          detail: how} AS item
  UNION ALL
  MATCH (m:Merge) WHERE m.target = o.id OR m.source = o.id
  RETURN {at: m.at, kind: 'merge', id: m.id,
          title: m.source_name + ' merged into ' + m.target_name, author: m.user,
          detail: CASE WHEN m.undone_at IS NULL THEN [] ELSE ['undone'] END} AS item
}
WITH item ORDER BY item.at DESC, item.kind, item.id
WITH collect(item) AS found
RETURN size(found) AS total, found[$skip..$skip + $limit] AS items
