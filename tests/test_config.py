"""Settings come from the environment once, in one typed object; logging shows query timings."""

import logging
from dataclasses import FrozenInstanceError, replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import login, make_user
from tracker import create_app
from tracker.cli import main
from tracker.config import Settings, SettingsError
from tracker.localdb import LocalServer, resolve_connection
from tracker.paths import PROJECT_ROOT
from tracker.repositories.graph import import_document


def test_defaults_suit_a_laptop(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    settings = Settings.from_env({})
    assert settings.data_dir == tmp_path / "var"
    assert settings.page_size == 50
    assert settings.neo4j_heap == "1g"
    assert settings.neo4j_pagecache == "256m"
    assert settings.neo4j_port is None
    assert settings.neo4j_uri is None
    assert settings.neo4j_user == "neo4j"
    assert settings.neo4j_database == "neo4j"
    assert settings.secure_cookies is False
    assert settings.log_level == "INFO"
    assert settings.secret_key is None
    # In a checkout, the jars are the ones `make install` fetched.
    assert settings.neo4j_lib == PROJECT_ROOT / "neo4j-server" / "lib"
    with pytest.raises(FrozenInstanceError):
        settings.page_size = 3  # type: ignore[misc]


def test_every_variable_is_read(tmp_path):
    settings = Settings.from_env({
        "TRACKER_DATA_DIR": str(tmp_path), "SECRET_KEY": "s", "TRACKER_SECURE_COOKIES": "1",
        "TRACKER_PAGE_SIZE": "7", "TRACKER_LOG_LEVEL": "debug", "NEO4J_URI": "bolt://db:7687",
        "NEO4J_USER": "u", "NEO4J_PASSWORD": "p", "NEO4J_DATABASE": "d",
        "TRACKER_NEO4J_LIB": str(tmp_path / "jars"), "TRACKER_NEO4J_PORT": "7999",
        "TRACKER_NEO4J_HEAP": "2g", "TRACKER_NEO4J_PAGECACHE": "1g"})
    assert settings == Settings(
        data_dir=tmp_path, secret_key="s", secure_cookies=True, page_size=7, log_level="DEBUG",
        neo4j_uri="bolt://db:7687", neo4j_user="u", neo4j_password="p", neo4j_database="d",
        neo4j_lib=tmp_path / "jars", neo4j_port=7999, neo4j_heap="2g", neo4j_pagecache="1g")
    assert resolve_connection(settings).uri == "bolt://db:7687"
    server = LocalServer(settings=settings)
    assert (server.root, server.lib, server.heap) == (tmp_path, tmp_path / "jars", "2g")
    config = settings.flask_config()
    assert config["PAGE_SIZE"] == 7
    assert config["SECRET_KEY"] == "s"
    assert config["SESSION_COOKIE_SECURE"]
    assert config["SETTINGS"] is settings


@pytest.mark.parametrize(("name", "raw", "message"), [
    ("TRACKER_PAGE_SIZE", "ten", "TRACKER_PAGE_SIZE='ten' is not a whole number"),
    ("TRACKER_PAGE_SIZE", "0", "TRACKER_PAGE_SIZE=0 is out of range"),
    ("TRACKER_NEO4J_PORT", "70000", "TRACKER_NEO4J_PORT=70000 is out of range"),
    ("TRACKER_SECURE_COOKIES", "yes", "TRACKER_SECURE_COOKIES='yes': use 1"),
    ("TRACKER_LOG_LEVEL", "loud", "TRACKER_LOG_LEVEL='LOUD'"),
])
def test_a_malformed_value_names_the_variable(name, raw, message):
    with pytest.raises(SettingsError, match=message):
        Settings.from_env({name: raw})


def test_the_cli_reports_a_malformed_setting_in_one_line(monkeypatch):
    monkeypatch.setenv("TRACKER_NEO4J_PORT", "http")
    result = CliRunner().invoke(main, ["db", "status"])
    assert result.exit_code == 1
    assert result.output.strip() == "Error: TRACKER_NEO4J_PORT='http' is not a whole number."


def test_secret_key_is_generated_once_into_the_data_dir(tmp_path):
    settings = Settings.from_env({"TRACKER_DATA_DIR": str(tmp_path)})
    first = settings.session_secret()
    assert len(first) == 64
    assert settings.session_secret() == first
    assert oct((tmp_path / "secret_key").stat().st_mode & 0o777) == "0o600"


def test_list_pages_read_the_page_size(db):
    names = ["Alpha", "Beta", "Delta", "Epsilon", "Gamma"]
    import_document(db, {
        "organisations": [{"id": n.lower(), "name": n} for n in names],
        "events": [{"id": f"e{i}", "name": f"Meet-up {n}", "start": f"2024-0{i + 1}-01",
                    "contributors": [{"actor": n.lower(), "role": "host"}]}
                   for i, n in enumerate(names)]})
    settings = replace(Settings.from_env(), page_size=2)
    app = create_app({"TESTING": True, "DATABASE": db, "WTF_CSRF_ENABLED": False,
                      "SETTINGS": settings})
    assert app.config["PAGE_SIZE"] == 2
    make_user(db, "admin", "ada")
    client = login(app.test_client(), "ada")
    page = client.get("/organisations?sort=name").get_data(as_text=True)
    assert "Alpha" in page
    assert "Beta" in page
    assert "Delta" not in page
    last = client.get("/organisations?sort=name&page=3").get_data(as_text=True)
    assert "Gamma" in last
    assert "Alpha" not in last
    events = client.get("/events").get_data(as_text=True)
    assert sum(f"Meet-up {n}" in events for n in names) == 2


def test_each_named_query_is_logged_with_its_duration_at_debug(db, caplog):
    caplog.set_level(logging.DEBUG, logger="tracker.db")
    db.read("meta/version")
    lines = [r.getMessage() for r in caplog.records if r.name == "tracker.db"]
    assert any(line.startswith("query meta/version: ") and line.endswith(" ms") for line in lines)
    caplog.clear()
    caplog.set_level(logging.INFO, logger="tracker.db")
    db.read("meta/version")
    assert not [r for r in caplog.records if r.name == "tracker.db"]


def test_no_module_but_config_reads_the_environment():
    offenders = [str(p.relative_to(PROJECT_ROOT)) for p in (PROJECT_ROOT / "tracker").rglob("*.py")
                 if p.name != "config.py" and ("os.environ.get" in p.read_text()
                                               or "os.getenv" in p.read_text())]
    assert offenders == []


def test_modules_log_under_their_own_name():
    users = [p for p in (PROJECT_ROOT / "tracker").rglob("*.py")
             if "logging.getLogger(" in p.read_text()]
    assert users
    for path in users:
        text = path.read_text()
        assert text.count("logging.getLogger(") == text.count("logging.getLogger(__name__)") \
            or path == Path(PROJECT_ROOT / "tracker" / "logs.py"), path


def test_security_and_retention_settings_are_read(tmp_path):
    settings = Settings.from_env({
        "TRACKER_DATA_DIR": str(tmp_path), "TRACKER_SESSION_IDLE_MINUTES": "15",
        "TRACKER_SESSION_MAX_HOURS": "8", "TRACKER_LOGIN_ACCOUNT_LOCK_AFTER": "10",
        "TRACKER_LOGIN_BASE_DELAY": "0.5", "TRACKER_PROXY_COUNT": "1",
        "TRACKER_PEOPLE_RETENTION_MONTHS": "24"})
    config = settings.flask_config()
    assert (config["SESSION_IDLE_MINUTES"], config["SESSION_MAX_HOURS"]) == (15, 8)
    assert (config["LOGIN_ACCOUNT_LOCK_AFTER"], config["LOGIN_BASE_DELAY"]) == (10, 0.5)
    assert config["PROXY_COUNT"] == 1
    assert settings.people_retention_months == 24
    with pytest.raises(SettingsError, match="TRACKER_LOGIN_BASE_DELAY='soon' is not a number"):
        Settings.from_env({"TRACKER_LOGIN_BASE_DELAY": "soon"})
    with pytest.raises(SettingsError, match="TRACKER_SESSION_IDLE_MINUTES=0 is out of range"):
        Settings.from_env({"TRACKER_SESSION_IDLE_MINUTES": "0"})
