// Range index on Actor.name for lookups, filters and ordering.
// params: none
// returns: nothing
CREATE INDEX actor_name IF NOT EXISTS FOR (n:Actor) ON (n.name)
