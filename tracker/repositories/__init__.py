"""Repositories: one module per domain, each a set of functions over tracker.db.Database."""
