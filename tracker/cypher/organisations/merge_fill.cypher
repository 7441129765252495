// Merge step: properties the survivor lacks are taken from the dropped organisation.
// params: $keep, $drop
// returns: filled
MATCH (k:Organisation {id: $keep}), (d:Organisation {id: $drop})
UNWIND [key IN keys(d) WHERE key <> 'id' AND k[key] IS NULL] AS key
SET k[key] = d[key]
RETURN count(key) AS filled
