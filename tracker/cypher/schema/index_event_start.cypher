// Range index on Event.start for lookups, filters and ordering.
// params: none
// returns: nothing
CREATE INDEX event_start IF NOT EXISTS FOR (n:Event) ON (n.start)
