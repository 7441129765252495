// Undo, step 1 of 4: for one batch of journalled pairs not yet cleared, delete every
// relationship the pair has now (what the import created or changed). Markers are then
// deleted; copies stay (no longer pending) for step 2, which re-creates them.
// params: $import_id, $limit
// returns: count
MATCH (u:UndoPending)
WHERE u._import = $import_id
WITH u LIMIT $limit
CALL (u) {
  CALL (u) {
    MATCH (a:Actor {id: u._from}) WHERE u._from_ns = 'Actor' RETURN a
    UNION
    MATCH (a:Person {id: u._from}) WHERE u._from_ns = 'Person' RETURN a
    UNION
    MATCH (a:Event {id: u._from}) WHERE u._from_ns = 'Event' RETURN a
    UNION
    MATCH (a:Note {id: u._from}) WHERE u._from_ns = 'Note' RETURN a
    UNION
    MATCH (a:FollowUp {id: u._from}) WHERE u._from_ns = 'FollowUp' RETURN a
  }
  CALL (u) {
    MATCH (b:Actor {id: u._to}) WHERE u._to_ns = 'Actor' RETURN b
    UNION
    MATCH (b:Person {id: u._to}) WHERE u._to_ns = 'Person' RETURN b
    UNION
    MATCH (b:Event {id: u._to}) WHERE u._to_ns = 'Event' RETURN b
  }
  MATCH (a)-[r]->(b) WHERE type(r) = u._type
  DELETE r
}
REMOVE u:UndoPending
FOREACH (_ IN CASE WHEN u:UndoPair THEN [1] ELSE [] END | DELETE u)
RETURN count(*) AS count
