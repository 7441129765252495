// Every relationship with its type and properties, by the element ids of its two ends.
// params: none
// returns: start, end, type, props
MATCH (a)-[r]->(b)
RETURN elementId(a) AS start, elementId(b) AS end, type(r) AS type, properties(r) AS props
