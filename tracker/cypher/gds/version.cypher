// Whether the server has the Graph Data Science plugin: its gds.version procedure, if any
// (SHOW PROCEDURES lists what the server can run; an empty list means no plugin).
// params: none
// returns: procedures
SHOW PROCEDURES YIELD name
WHERE name = 'gds.version'
RETURN collect(name) AS procedures
