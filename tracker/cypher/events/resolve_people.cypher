// For an event form: people picked by id that exist, existing people whose name is exactly one
// of the typed names, and person ids taken among the candidate slugs for new people.
// params: $ids, $names, $slugs
// returns: known (list of ids), named (list of {name, id}), taken (list of ids)
CALL {
  UNWIND $ids AS id
  MATCH (p:Person {id: id})
  RETURN collect(p.id) AS known
}
CALL {
  UNWIND $names AS name
  MATCH (p:Person {name: name})
  WITH name, p ORDER BY p.id
  WITH name, collect(p)[0] AS p
  RETURN collect({name: name, id: p.id}) AS named
}
CALL {
  UNWIND $slugs AS slug
  MATCH (p:Person)
  WHERE p.id STARTS WITH slug
  RETURN collect(DISTINCT p.id) AS taken
}
RETURN known, named, taken
