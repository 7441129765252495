// Whether the write with this id committed (its audit entries carry the id).
// params: $write_id
// returns: landed
OPTIONAL MATCH (a:AuditEntry {write_id: $write_id})
RETURN a IS NOT NULL AS landed
LIMIT 1
