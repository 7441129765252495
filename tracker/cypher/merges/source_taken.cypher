// Whether any node already holds the merged organisation's id (then undo cannot recreate it).
// params: $id
// returns: taken
RETURN EXISTS { MATCH (a:Actor {id: $id}) } OR EXISTS { MATCH (o:Organisation {id: $id}) }
       AS taken
