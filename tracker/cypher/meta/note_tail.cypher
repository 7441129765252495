// After a write to the network or reach (tracker/db.py, after meta/bump_version): when the
// write only created collaborations (with their sessions, and new organisations or people)
// that all come after every other collaboration in the timeline's order (start date, then id),
// append them to the state node's tail with this write's version; any other such write resets
// the tail. Since tail_since every change to the timeline was such an append, so a timeline
// cached before can be extended by the tail's later entries instead of replayed
// (tracker/services/growth.py). A tail longer than $limit resets too.
// params: $created, $append, $limit
// returns: appended
MATCH (m:Meta {id: 'state'})
WITH m, COLLECT {
  MATCH (c:Event) WHERE c.id IN $created AND c.start IS NOT NULL
    AND NOT (c)-[:PART_OF]->(:Event)
  RETURN c ORDER BY c.start, c.id } AS tops
WITH m, tops, [c IN tops | c.id] AS top_ids
WITH m, tops, top_ids,
  all(id IN $created WHERE EXISTS {
    MATCH (:Event {id: id})-[:PART_OF*0..]->(r:Event)
    WHERE NOT (r)-[:PART_OF]->(:Event) AND r.id IN top_ids }) AS rooted,
  COLLECT {
    MATCH (c:Event) WHERE c.start IS NOT NULL AND NOT (c)-[:PART_OF]->(:Event)
      AND NOT c.id IN top_ids
    RETURN c ORDER BY c.start DESC, c.id DESC LIMIT 1 } AS last
WITH m, top_ids, $append AND rooted AND size(tops) > 0 AND m.tail_since IS NOT NULL
  AND size(coalesce(m.tail_ids, [])) + size(tops) <= $limit
  AND (size(last) = 0 OR all(c IN tops WHERE c.start > last[0].start
                             OR (c.start = last[0].start AND c.id > last[0].id))) AS appended
SET m.tail_since = CASE WHEN appended THEN m.tail_since ELSE m.version END,
    m.tail_ids = CASE WHEN appended THEN coalesce(m.tail_ids, []) + top_ids ELSE [] END,
    m.tail_versions = CASE WHEN appended
      THEN coalesce(m.tail_versions, []) + [id IN top_ids | m.version] ELSE [] END
RETURN appended
