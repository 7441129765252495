// Range index on AuditEntry.entity for lookups, filters and ordering.
// params: none
// returns: nothing
CREATE INDEX audit_entity IF NOT EXISTS FOR (n:AuditEntry) ON (n.entity)
