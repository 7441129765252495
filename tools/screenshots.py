"""Retake the README's screenshots from the built-in demo, so they can always be retaken.

    .venv/bin/python tools/screenshots.py [--out docs] [--chromium /usr/bin/chromium]

It starts a throwaway Neo4j in a temporary folder, loads what `make run` loads into an empty
database (the register and the Showcase demo), serves the app on a free loopback port, logs in
with Playwright in Debian's Chromium and saves one PNG per stop (the top 1280 x 900 pixels of
each page, so that the files stay small). Everything it started is stopped at the end.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import socket
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

#: (file name, path, what to wait for before the picture (a JavaScript expression), the element
#: the picture starts a little above: None for the top of the page)
STOPS = [
    ("dashboard", "/", "!!window.Chart", None),
    ("impact", "/events/showcase-2025/impact", "true", None),
    ("network", "/network", "document.getElementById('network-app').dataset.ready === 'true'",
     "#net-timeline"),
    ("reach", "/reach?nation=Wales", "!!window.Chart", None),
]
WIDTH, HEIGHT = 1280, 900


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _wait(page: Any, expression: str, timeout: float = 120.0) -> None:
    """Poll `expression` (the CSP forbids the eval behind wait_for_function)."""
    deadline = timeout * 1000
    while not page.evaluate(expression):
        page.wait_for_timeout(100)
        deadline -= 100
        if deadline <= 0:
            raise SystemExit(f"timed out waiting for {expression}")


def shoot(base: str, username: str, password: str, out: Path, chromium: str,
          say: Callable[[str], None] = print) -> list[Path]:
    """Log in at `base` and save one PNG per stop under `out`; returns the files."""
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 - only when shooting

    out.mkdir(parents=True, exist_ok=True)
    saved = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, headless=True,
                                    args=["--no-sandbox", "--disable-gpu",
                                          "--disable-dev-shm-usage"])
        page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
        page.set_default_timeout(120_000)
        page.goto(f"{base}/login")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password)
        page.click("button[type=submit]")
        page.wait_for_url(f"{base}/")
        for name, path, ready, anchor in STOPS:
            page.goto(base + path)
            _wait(page, ready)
            page.wait_for_timeout(500)  # let the charts finish their first frame
            top = 0
            if anchor:
                top = max(0, int(page.evaluate(
                    f"document.querySelector('{anchor}').getBoundingClientRect().top "
                    "+ window.scrollY")) - 20)
            target = out / f"{name}.png"
            page.screenshot(path=str(target), full_page=True,
                            clip={"x": 0, "y": top, "width": WIDTH, "height": HEIGHT})
            say(f"{target} ({target.stat().st_size // 1024} KB)")
            saved.append(target)
        browser.close()
    return saved


def main() -> int:
    """Start Neo4j and the app on the demo, take the pictures, stop everything."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs"), help="folder for the PNGs")
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    args = parser.parse_args()
    data = Path(tempfile.mkdtemp(prefix="tracker-shots-"))
    os.environ["TRACKER_DATA_DIR"] = str(data / "neo4j-server")
    os.environ.setdefault("SECRET_KEY", secrets.token_hex(16))

    # After TRACKER_DATA_DIR is set: the settings are read once, on import.
    from waitress.server import create_server  # noqa: PLC0415

    from tracker import create_app  # noqa: PLC0415
    from tracker.bootstrap import first_run  # noqa: PLC0415
    from tracker.config import Settings  # noqa: PLC0415
    from tracker.db import Database  # noqa: PLC0415
    from tracker.localdb import LocalServer  # noqa: PLC0415
    from tracker.repositories import users  # noqa: PLC0415

    server = LocalServer(settings=Settings.from_env())
    db = None
    try:
        print("Starting a throwaway Neo4j…")
        db = Database(server.start(timeout=300))
        first_run(db, say=lambda line: None)
        password = secrets.token_urlsafe(16)
        users.create(db, "screenshots", "admin", password)
        app = create_app({"DATABASE": db})
        port = _free_port()
        web = create_server(app, host="127.0.0.1", port=port, threads=4)
        threading.Thread(target=web.run, daemon=True).start()
        shoot(f"http://127.0.0.1:{port}", "screenshots", password, Path(args.out),
              args.chromium)
        web.close()
    finally:
        if db is not None:
            db.close()
        server.stop()
        shutil.rmtree(data, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
