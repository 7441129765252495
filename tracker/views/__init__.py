"""Blueprints, one module per area; every module here that defines `bp` is registered."""
