// The most recent merges, newest first (without their snapshots).
// params: $limit
// returns: id, source, target, source_name, target_name, moved, user, at, undone_at
MATCH (m:Merge)
RETURN m.id AS id, m.source AS source, m.target AS target, m.source_name AS source_name,
       m.target_name AS target_name, m.moved AS moved, m.user AS user, m.at AS at,
       m.undone_at AS undone_at
ORDER BY m.at DESC, m.id
LIMIT $limit
