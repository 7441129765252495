"""Where the project's files live (the package is installed in editable mode)."""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CYPHER_DIR = PROJECT_ROOT / "cypher"
TEMPLATE_DIR = PROJECT_ROOT / "templates"
STATIC_DIR = Path(__file__).resolve().parent / "static"
DATA_DIR = PROJECT_ROOT / "data"
