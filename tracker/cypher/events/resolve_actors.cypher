// For an event form: the kind of each actor picked by id, existing actors whose name is exactly
// one of the typed names (a name typed without the picker reuses the actor instead of making a
// duplicate), and actor ids taken among the candidate slugs for new organisations.
// params: $ids, $names, $slugs
// returns: known (list of {id, name, kind}), named (list of {name, id, kind}), taken (list of ids)
CALL {
  UNWIND $ids AS id
  MATCH (a:Actor {id: id})
  RETURN collect({id: a.id, name: a.name, kind: [l IN labels(a) WHERE l <> 'Actor'][0]}) AS known
}
CALL {
  UNWIND $names AS name
  MATCH (a:Actor {name: name})
  WITH name, a ORDER BY CASE WHEN a:Organisation THEN 0 ELSE 1 END, a.id
  WITH name, collect(a)[0] AS a
  RETURN collect({name: name, id: a.id, kind: [l IN labels(a) WHERE l <> 'Actor'][0]}) AS named
}
CALL {
  UNWIND $slugs AS slug
  MATCH (a:Actor)
  WHERE a.id STARTS WITH slug
  RETURN collect(DISTINCT a.id) AS taken
}
RETURN known, named, taken
