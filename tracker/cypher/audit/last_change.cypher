// Who changed one record last, and when: the newest audit entry about it (version-checked edits).
// params: $entity, $id
// returns: user, at
MATCH (a:AuditEntry {entity_id: $id})
WHERE a.entity = $entity
RETURN a.user AS user, a.at AS at
ORDER BY a.at DESC
LIMIT 1
