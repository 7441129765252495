// Range index on Organisation.nation for lookups, filters and ordering.
// params: none
// returns: nothing
CREATE INDEX organisation_nation IF NOT EXISTS FOR (n:Organisation) ON (n.nation)
