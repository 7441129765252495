// Range index on Event.name for lookups, filters and ordering.
// params: none
// returns: nothing
CREATE INDEX event_name IF NOT EXISTS FOR (n:Event) ON (n.name)
