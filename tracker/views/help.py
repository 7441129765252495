"""Help pages: the accessibility statement (public) and the documents a page points to."""

from __future__ import annotations

from flask import Blueprint, abort, render_template
from flask.typing import ResponseReturnValue
from markupsafe import Markup

from tracker.paths import PROJECT_ROOT
from tracker.text import markdown_html

bp = Blueprint("help", __name__)

#: The documents the app links to, by page name: (file under docs/, title).
DOCUMENTS = {"interchange": ("interchange.md", "The JSON interchange format")}


@bp.route("/accessibility")
def accessibility() -> ResponseReturnValue:
    return render_template("help/accessibility.html")


@bp.route("/help/<name>")
def document(name: str) -> ResponseReturnValue:
    if name not in DOCUMENTS:
        abort(404)
    filename, title = DOCUMENTS[name]
    path = PROJECT_ROOT / "docs" / filename
    # docs/ is part of a source checkout; an installed wheel points to the published copy.
    body = Markup(markdown_html(path.read_text(encoding="utf-8"))) if path.is_file() else None
    return render_template("help/document.html", title=title, body=body, filename=filename)
