"""CLI commands, one module per area; every module here with a `commands` list is added."""
