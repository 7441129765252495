// Undo step: recreate an organisation's relationships from a snapshot (type, direction, the
// other end by elementId and id, typed properties). Returns how many were recreated, so that a
// missing other end is noticed.
// params: $id, $rels
// returns: restored
MATCH (o:Organisation {id: $id})
UNWIND $rels AS r
MATCH (x) WHERE elementId(x) = r.other AND x.id = r.other_id
CALL (o, x, r) {
  WITH o, x, r WHERE r.out
  CREATE (o)-[n:$(r.type)]->(x)
  RETURN n
  UNION
  WITH o, x, r WHERE NOT r.out
  CREATE (x)-[n:$(r.type)]->(o)
  RETURN n
}
CALL (n, r) {
  UNWIND r.props AS p
  SET n[p.key] = CASE
    WHEN p.type STARTS WITH 'DATE' THEN date(p.value)
    WHEN p.type STARTS WITH 'ZONED DATETIME' THEN datetime(p.value)
    WHEN p.type STARTS WITH 'LOCAL DATETIME' THEN localdatetime(p.value)
    WHEN p.type STARTS WITH 'LIST<DATE' THEN [v IN p.value | date(v)]
    ELSE p.value END
}
RETURN count(*) AS restored
