"""Browser fixtures: the app served by waitress on 127.0.0.1, driven in Debian's Chromium."""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import sync_playwright
from waitress import wasyncore
from waitress.server import create_server

from tests.conftest import PASSWORD, make_user
from tracker import create_app

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-dev-shm-usage"]


def pytest_collection_modifyitems(items):  # type: ignore[no-untyped-def]
    for item in items:
        if "/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator:
    """One headless Chromium for the session (Debian's package, no browser download)."""
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def serve(db: object) -> Iterator[str]:
    """The real app over `db` (a Database, or a wrapper of one) on a free loopback port."""
    app = create_app({"DATABASE": db, "WTF_CSRF_ENABLED": True})
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = create_server(app, host="127.0.0.1", port=port, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(server, thread)


def stop(server: Any, thread: threading.Thread) -> None:
    """End waitress's loop from inside it: every channel (listening socket, open connections,
    wake-up pipe) is closed by a thunk the loop thread runs, so its map empties, the loop ends
    and the thread is joined. Closing them from this thread instead races with the loop's
    select() on those sockets (EBADF in the server thread) and leaves the loop running."""
    server.trigger.pull_trigger(lambda: wasyncore.close_all(server._map, ignore_all=True))
    thread.join(timeout=10)
    assert not thread.is_alive(), "the test server did not stop"
    server.task_dispatcher.shutdown()


@pytest.fixture
def live_server(db) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """The real app on a free loopback port, for the duration of one test."""
    yield from serve(db)


class PageWatch:
    """Console errors, page errors and any request that leaves 127.0.0.1."""
    def __init__(self) -> None:
        self.console_errors: list[str] = []
        self.outside_requests: list[str] = []

    def assert_clean(self) -> None:
        assert self.console_errors == [], self.console_errors
        assert self.outside_requests == [], self.outside_requests


@pytest.fixture
def page(browser, live_server, db):  # type: ignore[no-untyped-def]
    """A logged-in (editor) page; `page.watch` holds console errors and outside requests."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    watch = PageWatch()
    page.on("console", lambda m: watch.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: watch.console_errors.append(str(e)))

    def check_request(request) -> None:  # type: ignore[no-untyped-def]
        host = urlsplit(request.url).hostname
        if request.url.startswith(("http:", "https:", "ws:")) and host not in ("127.0.0.1",
                                                                                "localhost"):
            watch.outside_requests.append(request.url)

    page.on("request", check_request)
    page.watch = watch
    user = make_user(db, "editor", "browser-editor")
    page.goto(f"{live_server}/login")
    page.fill("input[name=username]", user["username"])
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server}/")
    page.base = live_server
    yield page
    context.close()
