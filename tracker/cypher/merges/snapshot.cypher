// The whole state of one organisation, for a reversible merge: its labels, its properties with
// their Cypher types, and every relationship (type, direction, typed properties, the other end's
// elementId and id), in a stable order.
// params: $id
// returns: labels, props, rels
MATCH (o:Organisation {id: $id})
RETURN labels(o) AS labels,
  [k IN keys(o) | {key: k, value: o[k], type: valueType(o[k])}] AS props,
  COLLECT {
    MATCH (o)-[r]-(x)
    WITH r, x, startNode(r) = o AS out
    ORDER BY type(r), out, elementId(x), elementId(r)
    RETURN {type: type(r), out: out, other: elementId(x), other_id: x.id,
            props: [k IN keys(r) | {key: k, value: r[k], type: valueType(r[k])}]}
  } AS rels
