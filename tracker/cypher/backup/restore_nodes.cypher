// Create one batch of backed-up nodes with their labels (dynamic labels, Neo4j 5.26) and
// properties; returns each new node's element id under the key it had in the backup.
// params: $rows (list of {key, labels, props})
// returns: key, id
UNWIND $rows AS row
CREATE (n:$(row.labels))
SET n = row.props
RETURN row.key AS key, elementId(n) AS id
