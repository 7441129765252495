// Range index on Person.name for lookups, filters and ordering.
// params: none
// returns: nothing
CREATE INDEX person_name IF NOT EXISTS FOR (n:Person) ON (n.name)
