// Whether any of the given actors contributed to an event (then editing it touches what the
// collaboration network shows; tracker/areas.py).
// params: $ids
// returns: contributed
RETURN EXISTS {
  MATCH (a:Actor)-[:CONTRIBUTED]->(:Event) WHERE a.id IN $ids
} AS contributed
