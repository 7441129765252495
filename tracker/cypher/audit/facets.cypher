// The distinct entities and users in the audit trail (for the filter menus).
// params: none
// returns: entities, users
MATCH (a:AuditEntry)
RETURN collect(DISTINCT a.entity) AS entities, collect(DISTINCT a.user) AS users
