"""Central error pages: HTML for people, JSON under /api. No traceback ever reaches a user."""

from __future__ import annotations

import logging

from flask import Flask, g, jsonify, render_template, request
from flask.typing import ResponseReturnValue
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from tracker.db import DatabaseUnavailable, ImportRunning
from tracker.repositories.versions import StaleEdit

log = logging.getLogger(__name__)

MESSAGES = {
    400: "The request could not be understood.",
    401: "Please log in first.",
    403: "Your role does not allow this.",
    404: "There is nothing here.",
    405: "That method is not allowed here.",
    413: "That upload is too large.",
    503: "The database cannot be reached right now. This page will work again as soon as it "
         "is back; try again in a moment.",
}


def wants_json() -> bool:
    """API paths and JSON clients get JSON errors."""
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"


def error_response(status: int, message: str) -> ResponseReturnValue:
    """A JSON or HTML error with the given status."""
    if wants_json():
        return jsonify({"error": message, "status": status}), status
    return render_template("errors/error.html", status=status, message=message), status


def init_app(app: Flask) -> None:
    """Register the handlers."""

    @app.errorhandler(CSRFError)
    def csrf_error(exc: CSRFError) -> ResponseReturnValue:
        return error_response(400, "The form had expired or was not sent from this site "
                                   "(missing or invalid CSRF token). Reload the page and try again.")

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> ResponseReturnValue:
        status = exc.code or 500
        # Views may abort(404, "No event 'x'."); werkzeug's stock descriptions are replaced.
        described = exc.description or ""
        stock = not described or described == type(exc).description \
            or "requested URL" in described or "browser (or proxy)" in described
        message = MESSAGES.get(status, described) if stock else described
        return error_response(status, message or MESSAGES.get(status, "Error"))

    @app.errorhandler(StaleEdit)
    def stale(exc: StaleEdit) -> ResponseReturnValue:
        # Views with a form catch it and show the form again; anything else (the API) says so.
        return error_response(409, str(exc))

    @app.errorhandler(ImportRunning)
    def importing(exc: ImportRunning) -> ResponseReturnValue:
        # A batched import holds the data until it ends: say so (503, try again later).
        return error_response(503, f"A large import is running, so changes cannot be saved "
                                   f"right now; try again when it has finished ({exc}).")

    @app.errorhandler(DatabaseUnavailable)
    def unavailable(exc: DatabaseUnavailable) -> ResponseReturnValue:
        log.warning("database unavailable: %s", exc)
        g.db_down = True
        return error_response(503, MESSAGES[503])

    @app.errorhandler(Exception)
    def unexpected(exc: Exception) -> ResponseReturnValue:
        log.exception("unexpected error")
        return error_response(500, "Something went wrong on our side; it has been logged.")
