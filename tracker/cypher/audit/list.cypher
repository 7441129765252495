// One page of audit entries, newest first, filtered by entity and user, with the total count.
// params: $entity, $user, $skip, $limit
// returns: total, items (list of {at, user, entity, entity_id, action, changes})
MATCH (a:AuditEntry)
WHERE ($entity IS NULL OR a.entity = $entity) AND ($user IS NULL OR a.user = $user)
WITH a ORDER BY a.at DESC
WITH collect(a) AS matched
RETURN size(matched) AS total,
       [a IN matched[$skip..($skip + $limit)] | {at: a.at, user: a.user, entity: a.entity,
        entity_id: a.entity_id, action: a.action, changes: a.changes}] AS items
