// Range index on Organisation.region for lookups, filters and ordering.
// params: none
// returns: nothing
CREATE INDEX organisation_region IF NOT EXISTS FOR (n:Organisation) ON (n.region)
