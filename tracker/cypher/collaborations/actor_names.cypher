// Names and kinds (node label: Organisation, PartnerNetwork, ...) of the given actors, for
// labelling pairs and lists and linking them to their pages.
// params: $ids
// returns: id, name, kind
UNWIND $ids AS i
MATCH (a:Actor {id: i})
RETURN a.id AS id, a.name AS name, [l IN labels(a) WHERE l <> 'Actor'][0] AS kind
