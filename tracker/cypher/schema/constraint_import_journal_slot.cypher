// At most one import writes in batches at a time: its journal head holds the one slot.
// params: none
// returns: nothing
CREATE CONSTRAINT import_journal_slot IF NOT EXISTS FOR (j:ImportJournal) REQUIRE j.slot IS UNIQUE
