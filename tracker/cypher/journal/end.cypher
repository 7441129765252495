// Delete a batched import's journal head once its journal is gone (rolled back or discarded).
// params: $import_id
// returns: count
MATCH (j:ImportJournal {id: $import_id})
DELETE j
RETURN count(*) AS count
