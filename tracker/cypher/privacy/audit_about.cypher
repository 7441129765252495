// Audit entries about one person: those on the person itself, and any whose recorded changes
// mention one of $strings (their id, name or other details as stored in the audit text).
// params: $id, $strings
// returns: at, user, entity, entity_id, action, changes
MATCH (a:AuditEntry)
WHERE (a.entity = 'person' AND a.entity_id = $id)
   OR any(s IN $strings WHERE a.changes CONTAINS s OR a.entity_id = s)
RETURN a.at AS at, a.user AS user, a.entity AS entity, a.entity_id AS entity_id,
       a.action AS action, a.changes AS changes
ORDER BY a.at
