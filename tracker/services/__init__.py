"""Services: orchestration and caching of derived data, one module per area."""
