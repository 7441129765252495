// Every string value stored anywhere (node and relationship properties, with labels and types),
// each string of a list property on its own: what a generic backup would hold. Used to prove
// that an erased person's data is gone.
// params: none
// returns: text
CALL () {
  MATCH (n) UNWIND keys(n) AS k WITH n[k] AS v RETURN v
  UNION ALL
  MATCH ()-[r]->() UNWIND keys(r) AS k WITH r[k] AS v RETURN v
}
WITH CASE WHEN v IS :: LIST<ANY> THEN v ELSE [v] END AS values
UNWIND values AS v
WITH v WHERE v IS :: STRING
RETURN collect(v) AS text
