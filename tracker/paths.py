"""Where the package's own files live: Cypher, templates, static files and data ship inside it."""

from importlib.resources import files
from pathlib import Path

PACKAGE_DIR = Path(str(files("tracker")))
PROJECT_ROOT = PACKAGE_DIR.parent  # a source checkout only: tests, bench and docs live here
CYPHER_DIR = PACKAGE_DIR / "cypher"
TEMPLATE_DIR = PACKAGE_DIR / "templates"
STATIC_DIR = PACKAGE_DIR / "static"
DATA_DIR = PACKAGE_DIR / "data"
