"""Partner Tracker: who we work with, what each joint event changed, who we have not reached."""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from tracker import logs
from tracker.config import Settings
from tracker.paths import STATIC_DIR, TEMPLATE_DIR


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the app: settings, logging, extensions, blueprints, error pages, template helpers.

    Settings are read from the environment once, here, unless test_config passes `SETTINGS`.
    """
    app = Flask(__name__, template_folder=str(TEMPLATE_DIR), static_folder=str(STATIC_DIR))
    settings = (test_config or {}).get("SETTINGS") or Settings.from_env()
    app.config.from_mapping(settings.flask_config())
    if test_config:
        app.config.update(test_config)
    logs.configure(settings.log_level)
    if app.config.get("PROXY_COUNT"):
        # Behind a proxy the client's address comes from X-Forwarded-For (login throttling).
        n = int(app.config["PROXY_COUNT"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n)  # type: ignore[method-assign]
    register_extensions(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_template_helpers(app)
    return app


def register_extensions(app: Flask) -> None:
    """Database, login manager, CSRF protection and security headers."""
    from tracker import auth, extensions  # noqa: PLC0415 (importing any tracker module must not build the web app)
    from tracker.security import headers  # noqa: PLC0415 (importing any tracker module must not build the web app)

    extensions.neo4j.init_app(app)
    extensions.csrf.init_app(app)
    auth.init_app(app)
    headers.init_app(app)


def register_blueprints(app: Flask) -> None:
    """Every module in tracker/views that defines `bp` is one area of the site."""
    from tracker import views  # noqa: PLC0415 (importing any tracker module must not build the web app)

    for info in sorted(pkgutil.iter_modules(views.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"tracker.views.{info.name}")
        if hasattr(module, "bp"):
            app.register_blueprint(module.bp)


def register_errorhandlers(app: Flask) -> None:
    """Friendly 400/403/404/503 pages; JSON errors under /api."""
    from tracker import errors  # noqa: PLC0415 (importing any tracker module must not build the web app)

    errors.init_app(app)


def register_template_helpers(app: Flask) -> None:
    """Filters and globals shared by every template."""
    from tracker import templating  # noqa: PLC0415 (importing any tracker module must not build the web app)

    templating.init_app(app)
