// Undo step: the surviving organisation loses every relationship and property it has now (they
// are written back from the snapshot next); its labels stay.
// params: $id
// returns: cleared
MATCH (o:Organisation {id: $id})
CALL (o) { MATCH (o)-[r]-() DELETE r }
SET o = {id: $id}
RETURN count(o) AS cleared
