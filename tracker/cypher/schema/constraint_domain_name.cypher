// Every confirmed e-mail domain is in the domain map once.
// params: none
// returns: nothing
CREATE CONSTRAINT domain_name IF NOT EXISTS FOR (n:Domain) REQUIRE n.name IS UNIQUE
