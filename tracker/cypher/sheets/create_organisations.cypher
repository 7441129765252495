// Create the organisations a coordinator chose to create during an import review.
// params: $rows (list of {id, name})
// returns: count
UNWIND $rows AS r
CREATE (o:Organisation:Actor {id: r.id, name: r.name})
RETURN count(o) AS count
