// Range index on AuditEntry.entity_id: one record's history (who changed it last).
// params: none
// returns: nothing
CREATE INDEX audit_entity_id IF NOT EXISTS FOR (n:AuditEntry) ON (n.entity_id)
