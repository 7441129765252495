// How many domain nodes exist (users, audit and meta do not count): 0 means a fresh database.
// params: none
// returns: count
MATCH (n)
WHERE n:Community OR n:SubCommunity OR n:PartnerNetwork OR n:Organisation OR n:Person OR n:Event
RETURN count(n) AS count
