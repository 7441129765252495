// The server's version and edition (run against the system database).
// params: none
// returns: version, edition
CALL dbms.components() YIELD name, versions, edition
RETURN versions[0] AS version, edition
