"""The project's own Neo4j: start, status, idempotent start, stale pid, clear errors."""

import socket
import threading
import time

import pytest
from click.testing import CliRunner

import tracker.cli as cli_module
from tests.conftest import login, make_user
from tracker import create_app
from tracker.cli import main
from tracker.db import Database
from tracker.localdb import LocalDbError, LocalServer, server_components
from tracker.repositories import users


def test_the_session_server_is_neo4j_5_26_community(neo4j_connection):
    info = server_components(neo4j_connection)
    assert info["version"].startswith("5.26."), info
    assert info["edition"] == "community"


def test_db_status_reports_version_and_edition(cli, neo4j_connection):
    result = cli("db", "status")
    assert result.exit_code == 0
    assert "running" in result.output
    assert "5.26." in result.output
    assert "community" in result.output


def test_second_start_is_a_noop_and_stale_pid_is_replaced(tmp_path):
    server = LocalServer(tmp_path / "data")
    try:
        first = server.start(timeout=180)
        pid = server.pid()
        again = server.start(timeout=30)
        assert again == first
        assert server.pid() == pid
        creds = server.credentials_file
        assert oct(creds.stat().st_mode & 0o777) == "0o600"
    finally:
        server.stop()
    assert server.pid() is None
    # A pid file left by a crashed run names a process that is not our server.
    server.pid_file.write_text("999999")
    assert server.pid() is None
    assert not server.pid_file.exists()


def test_database_goes_unavailable_and_the_app_recovers(tmp_path):
    server = LocalServer(tmp_path / "data")
    conn = server.start(timeout=180)
    database = Database(conn)
    app = create_app({"TESTING": True, "DATABASE": database, "WTF_CSRF_ENABLED": False})
    try:
        make_user(database, "viewer", "vera")
        client = login(app.test_client(), "vera")
        assert client.get("/").status_code == 200
        assert client.get("/healthz").get_json() == {"status": "ok", "database": "reachable"}
        server.stop()
        # Every kind of request fails fast (short timeouts, no retry sleeps): 503 within 1 s.
        for path, kind in (("/", "html"), ("/organisations", "html"),
                           ("/api/v1/growth", "json"), ("/healthz", "json")):
            started = time.perf_counter()
            down = client.get(path)
            took = time.perf_counter() - started
            assert down.status_code == 503, path
            assert took < 1.0, f"{path} took {took:.2f}s to fail"
            if kind == "html":
                assert "database cannot be reached" in down.get_data(as_text=True)
            else:
                assert down.is_json, path
        assert client.get("/healthz").get_json() == {"status": "unavailable",
                                                     "database": "unreachable"}
        # A patient caller (the CLI) waits for the database to come back and then writes once.
        patient = Database(conn, patient=True)
        patient.patience = 600  # a loaded test machine can take minutes to restart Neo4j
        restart = threading.Thread(target=server.start, kwargs={"timeout": 180})
        restart.start()
        try:
            make_user(patient, "editor", "eddie")
        finally:
            restart.join()
            patient.close()
        assert client.get("/").status_code == 200
        assert client.get("/healthz").status_code == 200
        assert [u["username"] for u in users.list_all(database)].count("eddie") == 1
    finally:
        database.close()
        server.stop()


def test_port_clash_gives_one_clear_line(tmp_path, monkeypatch):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        monkeypatch.setenv("TRACKER_NEO4J_PORT", str(s.getsockname()[1]))
        with pytest.raises(LocalDbError, match="in use"):
            LocalServer(tmp_path).start()


def test_missing_java_gives_one_clear_line(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(LocalDbError, match="Java"):
        LocalServer(tmp_path).start()


def test_missing_jars_say_run_make_install(tmp_path, monkeypatch):
    monkeypatch.setenv("TRACKER_NEO4J_LIB", str(tmp_path / "empty"))
    with pytest.raises(LocalDbError, match="make install"):
        LocalServer(tmp_path).start()


def test_cli_reports_a_start_failure_without_a_traceback(tmp_path, monkeypatch):
    monkeypatch.setenv("TRACKER_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("TRACKER_NEO4J_LIB", str(tmp_path / "empty"))
    result = CliRunner().invoke(main, ["db", "start"])
    assert result.exit_code == 1
    assert "make install" in result.output
    assert "Traceback" not in result.output


def test_serve_on_a_busy_port_says_so_in_one_line(cli):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]

        result = CliRunner().invoke(cli_module.main, ["serve", "--port", str(port)])
    assert result.exit_code == 1
    assert f"Port {port} on 127.0.0.1 is in use" in result.output
    assert "Traceback" not in result.output
