// Range index on AuditEntry.at for lookups, filters and ordering.
// params: none
// returns: nothing
CREATE INDEX audit_at IF NOT EXISTS FOR (n:AuditEntry) ON (n.at)
