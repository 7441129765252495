// Names of the given actors (organisations included), for labelling pairs and lists.
// params: $ids
// returns: id, name
UNWIND $ids AS i
MATCH (a:Actor {id: i})
RETURN a.id AS id, a.name AS name
