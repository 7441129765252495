"""Security headers on every route of the app (app.url_map), for anonymous and logged-in users."""

from __future__ import annotations

import re

import pytest

from tracker import create_app
from tracker.paths import STATIC_DIR, TEMPLATE_DIR
from tracker.security.headers import CSP

EXPECTED = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def _urls(app) -> list[str]:  # type: ignore[no-untyped-def]
    urls = []
    for rule in app.url_map.iter_rules():
        if "GET" not in (rule.methods or ()):
            continue
        url = re.sub(r"<(?:[^:>]+:)?([^>]+)>", "x", rule.rule)
        urls.append("/static/css/app.css" if rule.endpoint == "static" else url)
    return sorted(set(urls))


def _check(response, url: str, secure: bool = False) -> None:  # type: ignore[no-untyped-def]
    for name, value in EXPECTED.items():
        assert response.headers.get(name) == value, (url, name)
    csp = response.headers["Content-Security-Policy"]
    assert csp == CSP
    assert "frame-ancestors 'none'" in csp
    script_src = next(d for d in csp.split("; ") if d.startswith("script-src"))
    assert script_src == "script-src 'self'"
    assert "unsafe-eval" not in csp
    if not url.startswith("/static/"):
        assert response.headers["Cache-Control"] == "no-store", url
    assert ("Strict-Transport-Security" in response.headers) is secure


@pytest.mark.parametrize("role", [None, "viewer", "admin"])
def test_every_route_has_the_headers(app, client_as, role):
    client = client_as(role) if role else app.test_client()
    urls = _urls(app)
    assert len(urls) > 40
    for url in urls:
        _check(client.get(url), url)
    # Error pages, posts and redirects too.
    _check(client.get("/no/such/page"), "/no/such/page")
    _check(client.post("/logout"), "/logout")


def test_hsts_when_cookies_are_secure(db):
    app = create_app({"TESTING": True, "DATABASE": db, "SESSION_COOKIE_SECURE": True})
    _check(app.test_client().get("/login"), "/login", secure=True)


def test_no_template_has_an_inline_script_or_style_or_handler():
    for path in TEMPLATE_DIR.rglob("*.html"):
        text = path.read_text()
        for tag in re.findall(r"<script\b[^>]*>", text):
            assert "src=" in tag or 'type="application/json"' in tag, (path, tag)
        assert not re.search(r"\son[a-z]+\s*=", text), path
        assert "style=" not in text, path
        assert "javascript:" not in text, path
    for path in (STATIC_DIR / "js").rglob("*.js"):
        text = path.read_text()
        assert "eval(" not in text, path
        assert "new Function" not in text, path
        assert "setAttribute(\"style\"" not in text, path
        assert "setAttribute('style'" not in text, path
