// Everything held on one person: their properties and every relationship they have, with the
// other end's label, id and name (memberships, events spoken at or attended, any feedback).
// params: $id
// returns: person, relationships
MATCH (n:Person {id: $id})
RETURN properties(n) AS person,
  COLLECT { MATCH (n)-[r]-(other)
            WITH r, other, startNode(r) = n AS outgoing ORDER BY type(r), other.id
            RETURN {type: type(r), direction: CASE WHEN outgoing THEN 'out' ELSE 'in' END,
                    properties: properties(r), label: labels(other)[0], id: other.id,
                    name: other.name, start: other.start} } AS relationships
