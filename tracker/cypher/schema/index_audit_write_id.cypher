// Audit entries by write id (checking whether an interrupted commit landed).
// params: none
// returns: nothing
CREATE INDEX audit_write_id IF NOT EXISTS FOR (a:AuditEntry) ON (a.write_id)
