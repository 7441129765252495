// Every node with its labels and properties (the backup's first half), keyed by element id.
// params: none
// returns: key, labels, props
MATCH (n)
RETURN elementId(n) AS key, labels(n) AS labels, properties(n) AS props
