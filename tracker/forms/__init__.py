"""WTForms forms: they check shape only (types, lengths, choices), never the database."""
