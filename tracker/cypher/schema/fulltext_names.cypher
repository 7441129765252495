// Full-text index on names, for search boxes and the searchable pickers.
// params: none
// returns: nothing
CREATE FULLTEXT INDEX names IF NOT EXISTS
FOR (n:Community|SubCommunity|PartnerNetwork|Organisation|Person|Event) ON EACH [n.name]
