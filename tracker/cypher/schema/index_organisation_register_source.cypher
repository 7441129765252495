// Range index on Organisation.register_source: reach questions start from the register's rows.
// params: none
// returns: nothing
CREATE INDEX organisation_register_source IF NOT EXISTS FOR (n:Organisation) ON (n.register_source)
