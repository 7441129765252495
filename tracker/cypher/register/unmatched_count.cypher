// How many engaged organisations are not register entries (see unmatched_page).
// params: none
// returns: count
MATCH (o:Organisation)
WHERE o.register_source IS NULL
  AND EXISTS {
    MATCH (o)<-[:WORKS_AT]-{0,1}(x)-[:CONTRIBUTED|ATTENDED|SPOKE_AT|GAVE_FEEDBACK]->(:Event)
  }
RETURN count(o) AS count
