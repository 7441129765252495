"""Services: orchestration and caching of derived data, one module per area.

A service reads rows from repositories (inside one read transaction, see
:mod:`tracker.services.cache`), runs the pure analytics and caches the result per data version.
Views and commands call a service or a repository for one answer, never both.
"""
