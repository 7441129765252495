// Record audit entries (who, when, what) in the same transaction as the write they describe.
// params: $entries (list of {user, entity, entity_id, action, changes, write_id})
// returns: count
UNWIND $entries AS e
CREATE (a:AuditEntry {
  at: datetime(), user: e.user, entity: e.entity, entity_id: e.entity_id,
  action: e.action, changes: e.changes, write_id: e.write_id
})
RETURN count(a) AS count
