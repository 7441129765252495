// Mark a batched import's journal head: 'committed' (the import landed: its journal is only to
// be deleted) or 'undoing' (its journal is being rolled back).
// params: $import_id, $state
// returns: id
MATCH (j:ImportJournal {id: $import_id})
SET j.state = $state
RETURN j.id AS id
