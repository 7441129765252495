// Benchmark clean-up: remove the events and organisations the benchmark made (ids bench-…).
// params: none
// returns: count
MATCH (n)
WHERE (n:Event OR n:Organisation OR n:Person) AND n.id STARTS WITH 'bench-'
DETACH DELETE n
RETURN count(*) AS count
