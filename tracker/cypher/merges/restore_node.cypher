// Undo step: give an organisation (created here when missing) its labels and typed properties
// back from a snapshot; temporal values come back as the same types.
// params: $id, $labels, $props
// returns: restored
MERGE (o:Organisation {id: $id})
SET o:$($labels)
WITH o
CALL (o) {
  UNWIND $props AS p
  SET o[p.key] = CASE
    WHEN p.type STARTS WITH 'DATE' THEN date(p.value)
    WHEN p.type STARTS WITH 'ZONED DATETIME' THEN datetime(p.value)
    WHEN p.type STARTS WITH 'LOCAL DATETIME' THEN localdatetime(p.value)
    WHEN p.type STARTS WITH 'LIST<DATE' THEN [v IN p.value | date(v)]
    ELSE p.value END
}
RETURN count(o) AS restored
