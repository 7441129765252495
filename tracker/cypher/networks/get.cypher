// One partner network's page head: the network and the size of its paged sections
// (groups/members, groups/events).
// params: $id
// returns: item, members_total, events_total
MATCH (n:PartnerNetwork {id: $id})
RETURN n {.*} AS item, COUNT { (:Organisation)-[:MEMBER_OF]->(n) } AS members_total,
       COUNT { (n)-[:CONTRIBUTED]->(:Event) } AS events_total
