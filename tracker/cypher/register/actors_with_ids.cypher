// The actors that already hold any of the given ids, with their kind and register source.
// params: $ids
// returns: id, organisation, register_source, status
UNWIND $ids AS id
MATCH (a:Actor {id: id})
RETURN a.id AS id, a:Organisation AS organisation, a.register_source AS register_source,
       a.status AS status
