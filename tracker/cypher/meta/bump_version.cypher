// Bump the data version, and the version of each area of data the write touched
// (tracker/areas.py); runs inside every write transaction so caches can tell. An area's
// version is the data version at its last change. The epoch is set once per state node, so a
// cache can tell an emptied database apart. Also says whether a batched import is writing
// (its journal head, read after this statement has the version node's write lock, see
// journal/begin): a write that touches data then refuses (tracker.db.ImportRunning).
// params: $areas
// returns: version, importing, import_started
MERGE (m:Meta {id: 'state'})
SET m.version = coalesce(m.version, 0) + 1, m.epoch = coalesce(m.epoch, randomUUID())
SET m.network = CASE WHEN 'network' IN $areas THEN m.version ELSE coalesce(m.network, 0) END,
    m.reach = CASE WHEN 'reach' IN $areas THEN m.version ELSE coalesce(m.reach, 0) END,
    m.actors = CASE WHEN 'actors' IN $areas THEN m.version ELSE coalesce(m.actors, 0) END,
    m.people = CASE WHEN 'people' IN $areas THEN m.version ELSE coalesce(m.people, 0) END,
    m.other = CASE WHEN 'other' IN $areas THEN m.version ELSE coalesce(m.other, 0) END
WITH m
OPTIONAL MATCH (j:ImportJournal) WHERE j.state <> 'committed'
RETURN m.version AS version, j.file AS importing, j.started_at AS import_started
