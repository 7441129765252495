// Benchmark baseline: count the events whose name contains a text (finding the matches only).
// params: none
// returns: count
MATCH (e:Event)
WHERE toLower(e.name) CONTAINS 'bench collaboration'
RETURN count(e) AS count
