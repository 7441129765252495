// The journal head of a batched import that is running or was interrupted (or none), with the
// number of journal entries it still has.
// params: none
// returns: id, state, file, user, started_at, entries
MATCH (j:ImportJournal)
RETURN j.id AS id, j.state AS state, j.file AS file, j.user AS user, j.started_at AS started_at,
       COUNT { MATCH (u:ImportUndo) WHERE u._import = j.id } AS entries
