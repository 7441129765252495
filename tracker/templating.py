"""Template filters and globals shared by every page."""

from __future__ import annotations

from typing import Any

from flask import Flask, request, url_for

from tracker import model
from tracker.demo import NOTICE
from tracker.text import plural


def page_url(**changes: Any) -> str:
    """The current URL with some query arguments changed (for sorting and pagination links)."""
    args: dict[str, Any] = request.args.to_dict()
    for key, value in changes.items():
        if value is None:
            args.pop(key, None)
        else:
            args[key] = value
    args.update(request.view_args or {})
    return url_for(request.endpoint or "home.index", **args)


def number(value: Any) -> str:
    """1234 -> '1,234'; floats to at most 4 places; None -> '–'."""
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.4f}".rstrip("0").rstrip(".") if value % 1 else f"{value:,.0f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def percent(value: Any) -> str:
    """0.1234 -> '12.3%'."""
    return "–" if value is None else f"{value * 100:.1f}%"


def date_range(start: Any, end: Any = None) -> str:
    """'2026-11-24' for a one-day event, '2026-11-24 to 2026-11-26' for a longer one.

    >>> date_range("2026-11-24", "2026-11-24"), date_range("2026-11-24", "2026-11-26")
    ('2026-11-24', '2026-11-24 to 2026-11-26')
    """
    if not start:
        return str(end or "")
    return str(start) if not end or end == start else f"{start} to {end}"


def init_app(app: Flask) -> None:
    """Register filters and globals."""
    app.jinja_env.globals["page_url"] = page_url
    app.jinja_env.globals["model"] = model  # the domain vocabulary (tracker/model.py)
    app.jinja_env.globals["demo_notice"] = NOTICE  # templates/_demo_notice.html and about
    app.jinja_env.filters["number"] = number
    app.jinja_env.filters["plural"] = plural  # {{ n | plural("new link") }}
    app.jinja_env.filters["percent"] = percent
    app.jinja_env.filters["dates"] = date_range
