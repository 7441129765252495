"""Shared fixtures: a real Neo4j for the session, an empty database per test, apps and clients.

The suite starts its own throwaway Neo4j in $TRACKER_TEST_DATA_DIR (or a temporary folder) and
stops it at the end. With NEO4J_URI set it uses that server instead, and EMPTIES it between tests.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

_TEST_ROOT = Path(os.environ.get("TRACKER_TEST_DATA_DIR") or tempfile.mkdtemp(prefix="tracker-"))
# Keep everything the app writes (secret key, local server) out of the developer's ./var.
os.environ["TRACKER_DATA_DIR"] = str(_TEST_ROOT / "neo4j-server")
os.environ.setdefault("SECRET_KEY", "test-secret-key")

from click.testing import CliRunner  # noqa: E402

import tracker.cli as cli_module  # noqa: E402
from tracker import create_app  # noqa: E402
from tracker.config import Settings  # noqa: E402
from tracker.db import Database  # noqa: E402
from tracker.localdb import Connection, LocalServer  # noqa: E402
from tracker.repositories import users  # noqa: E402
from tracker.services.cache import join_pending  # noqa: E402

PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="session")
def neo4j_connection() -> Iterator[Connection]:
    """A running Neo4j: NEO4J_URI when set, else a local server started for this session."""
    settings = Settings.from_env()
    if settings.neo4j_uri:
        yield Connection(settings.neo4j_uri, settings.neo4j_user, settings.neo4j_password,
                         settings.neo4j_database)
        return
    server = LocalServer(settings=settings)
    conn = server.start(timeout=180)
    yield conn
    server.stop()


@pytest.fixture(scope="session")
def database(neo4j_connection: Connection) -> Iterator[Database]:
    """One Database (one driver) for the whole session, schema applied once."""
    database = Database(neo4j_connection)
    database.apply_schema()
    yield database
    database.close()


@pytest.fixture
def db(database: Database) -> Database:
    """The session's database, emptied before the test (after any background recomputation
    of the previous test has finished, so that none overlaps this one)."""
    join_pending()
    database.clear()
    return database


@pytest.fixture
def app(db: Database):  # type: ignore[no-untyped-def]
    """An app on the test database (CSRF off here; tests/test_csrf.py turns it on)."""
    return create_app({"TESTING": True, "DATABASE": db, "WTF_CSRF_ENABLED": False})


@pytest.fixture
def client(app):  # type: ignore[no-untyped-def]
    return app.test_client()


def make_user(db: Database, role: str, username: str | None = None) -> dict:
    """Create a user with the shared test password."""
    return users.create(db, username or f"{role}-user", role, PASSWORD)


def login(client, username: str, password: str = PASSWORD):  # type: ignore[no-untyped-def]
    """Log a test client in through the real login form."""
    response = client.post("/login", data={"username": username, "password": password})
    assert response.status_code == 302, response.get_data(as_text=True)
    return client


@pytest.fixture
def client_as(app, db: Database) -> Callable:  # type: ignore[no-untyped-def]
    """client_as('editor') -> a client logged in with that role."""
    def _client(role: str):  # type: ignore[no-untyped-def]
        user = make_user(db, role)
        return login(app.test_client(), user["username"])

    return _client


@pytest.fixture
def viewer_client(client_as):  # type: ignore[no-untyped-def]
    return client_as("viewer")


@pytest.fixture
def editor_client(client_as):  # type: ignore[no-untyped-def]
    return client_as("editor")


@pytest.fixture
def admin_client(client_as):  # type: ignore[no-untyped-def]
    return client_as("admin")


@pytest.fixture
def cli(db: Database, monkeypatch: pytest.MonkeyPatch) -> Callable:
    """cli('growth', '--json') -> click Result, run against the test database."""
    monkeypatch.setattr(cli_module, "_DB", db)  # the real test database, not a stand-in

    def run(*args: str, input: str | None = None):  # type: ignore[no-untyped-def]
        return CliRunner().invoke(cli_module.main, list(args), input=input,
                                  catch_exceptions=False)

    return run
