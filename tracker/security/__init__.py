"""Security policy: passwords, login throttling, response headers, API tokens, second factor.

Each module is policy in plain Python; the Cypher it needs lives in tracker/cypher/auth,
tracker/cypher/users and tracker/cypher/tokens. docs/security.md explains the choices.
"""
