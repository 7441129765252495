// Range index on Organisation.name for lookups, filters and ordering.
// params: none
// returns: nothing
CREATE INDEX organisation_name IF NOT EXISTS FOR (n:Organisation) ON (n.name)
