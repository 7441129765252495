// What merging $drop into $keep would move: both names and the dropped one's relationship counts.
// params: $keep, $drop
// returns: keep, drop, relationships
MATCH (k:Organisation {id: $keep}), (d:Organisation {id: $drop})
WHERE k <> d
RETURN k {.id, .name} AS keep, d {.id, .name} AS drop,
  COLLECT { MATCH (d)-[r]-() WITH type(r) AS type, count(r) AS count ORDER BY type
            RETURN {type: type, count: count} } AS relationships
