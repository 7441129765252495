// Range index on Organisation.type for lookups, filters and ordering.
// params: none
// returns: nothing
CREATE INDEX organisation_type IF NOT EXISTS FOR (n:Organisation) ON (n.type)
