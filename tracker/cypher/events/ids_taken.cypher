// Event ids that start with any of the given prefixes (an exact id is its own prefix), so a
// duplicate id is a field error and new ids can be numbered past the ones in use.
// params: $prefixes
// returns: ids
UNWIND $prefixes AS prefix
OPTIONAL MATCH (e:Event)
WHERE e.id STARTS WITH prefix
RETURN collect(DISTINCT e.id) AS ids
