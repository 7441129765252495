"""Security headers on every response.

The Content-Security-Policy allows scripts, styles, fonts and fetches from this site only: no
inline script (page data travels in `<script type="application/json">` blocks read by static
files), no eval, no plugin, no framing. Inline styles are allowed for the chart libraries.
Pages and API answers are never cached (a shared computer's back button must not show data
after logout); static files are.
"""

from __future__ import annotations

from flask import Flask, Response, current_app, request

CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    # Chart.js and Cytoscape.js size their canvases with inline styles; an injected style
    # cannot run code, and the templates themselves carry no style attribute.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])

HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
}
HSTS = "max-age=31536000; includeSubDomains"


def add_headers(response: Response) -> Response:
    """Set the security headers; no-store on everything but static files."""
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if request.endpoint != "static":
        response.headers["Cache-Control"] = "no-store"
        response.headers["Pragma"] = "no-cache"
    if current_app.config.get("SESSION_COOKIE_SECURE"):
        response.headers["Strict-Transport-Security"] = HSTS
    return response


def init_app(app: Flask) -> None:
    """Register the after-request hook."""
    app.after_request(add_headers)
