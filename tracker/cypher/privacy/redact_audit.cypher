// Remove one person's data from the audit trail: entries on the person keep who, what and when
// with their data replaced by "erased"; other entries have each of $strings replaced by "erased".
// params: $id, $strings
// returns: redacted
MATCH (a:AuditEntry)
WHERE (a.entity = 'person' AND a.entity_id = $id)
   OR any(s IN $strings WHERE a.changes CONTAINS s OR a.entity_id = s)
WITH a, (a.entity = 'person' AND a.entity_id = $id) OR a.entity_id IN $strings AS about_them
SET a.changes = CASE WHEN about_them THEN '{"data": "erased"}'
                     ELSE reduce(c = a.changes, s IN $strings | replace(c, s, 'erased')) END,
    a.entity_id = CASE WHEN about_them THEN 'erased' ELSE a.entity_id END,
    a.erased = true
RETURN count(a) AS redacted
