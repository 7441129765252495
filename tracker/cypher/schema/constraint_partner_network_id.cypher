// Every PartnerNetwork has a unique, stable string id.
// params: none
// returns: nothing
CREATE CONSTRAINT partner_network_id IF NOT EXISTS FOR (n:PartnerNetwork) REQUIRE n.id IS UNIQUE
