"""docker-compose.yml: parses, comes up in the right order, and every variable a healthcheck or
command uses exists where it is used (the neo4j container has NEO4J_AUTH, not NEO4J_PASSWORD)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from werkzeug.middleware.proxy_fix import ProxyFix

from tracker import create_app
from tracker.paths import PROJECT_ROOT

COMPOSE_TEXT = (PROJECT_ROOT / "docker-compose.yml").read_text()
COMPOSE = yaml.safe_load(COMPOSE_TEXT)
SERVICES = COMPOSE["services"]
ENV_EXAMPLE = {line.split("=", 1)[0] for line in
               (PROJECT_ROOT / ".env.example").read_text().splitlines()
               if line and not line.startswith("#")}
# `$${NAME}` / `$$NAME`: expanded by the container's shell at run time.
CONTAINER_VAR = re.compile(r"\$\$\{?([A-Za-z_][A-Za-z0-9_]*)")
# `${NAME}` / `${NAME:-x}` / `${NAME:?msg}` (not preceded by another $): compose interpolates
# them from .env when the file is read.
COMPOSE_VAR = re.compile(r"(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)(:?[-?][^}]*)?\}")


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    return []


def container_variables(service: dict) -> set[str]:
    """Variables a service's healthcheck and command expand inside its container."""
    used: set[str] = set()
    for key in ("command", "entrypoint"):
        for text in _strings(service.get(key)):
            used |= set(CONTAINER_VAR.findall(text))
    for text in _strings(service.get("healthcheck", {}).get("test")):
        used |= set(CONTAINER_VAR.findall(text))
    return used - {"enc"}  # a shell variable the backup loop sets itself


def test_every_variable_a_healthcheck_or_command_uses_is_defined_for_that_service():
    checked = 0
    for name, service in SERVICES.items():
        defined = set(service.get("environment") or {})
        for variable in container_variables(service):
            checked += 1
            assert variable in defined, (
                f"service {name} uses ${variable} in a healthcheck or command, "
                f"but its environment defines only {sorted(defined)}")
    assert checked >= 4


def test_the_old_neo4j_healthcheck_would_fail_this_check():
    broken = {"environment": {"NEO4J_AUTH": "neo4j/x"},
              "healthcheck": {"test": ["CMD-SHELL", "cypher-shell -p \"$${NEO4J_PASSWORD}\""]}}
    assert container_variables(broken) - set(broken["environment"]) == {"NEO4J_PASSWORD"}


def test_every_compose_variable_without_a_default_is_in_env_example():
    for variable, fallback in COMPOSE_VAR.findall(COMPOSE_TEXT):
        if not fallback.startswith((":-", "-")):
            assert variable in ENV_EXAMPLE, f"{variable} is required but not in .env.example"


def test_services_start_in_order_and_each_has_a_healthcheck_or_depends_on_one():
    assert set(SERVICES) == {"neo4j", "web", "caddy", "backup"}
    assert SERVICES["neo4j"]["image"] == "neo4j:5.26-community"
    assert SERVICES["web"]["depends_on"]["neo4j"]["condition"] == "service_healthy"
    assert SERVICES["backup"]["depends_on"]["neo4j"]["condition"] == "service_healthy"
    assert SERVICES["caddy"]["depends_on"]["web"]["condition"] == "service_healthy"
    assert "healthcheck" in SERVICES["neo4j"]
    assert "healthcheck" in SERVICES["web"]
    assert "/healthz" in " ".join(SERVICES["web"]["healthcheck"]["test"])


def test_neo4j_auth_on_and_memory_settings_use_5x_names():
    env = SERVICES["neo4j"]["environment"]
    assert env["NEO4J_AUTH"].startswith("neo4j/${NEO4J_PASSWORD")
    for key in ("NEO4J_server_memory_heap_initial__size", "NEO4J_server_memory_heap_max__size",
                "NEO4J_server_memory_pagecache_size"):
        assert key in env
    # Bolt is published on the host's loopback only.
    assert SERVICES["neo4j"]["ports"] == ["127.0.0.1:7687:7687"]


def test_tls_in_front_cookies_secure_and_hsts():
    web = SERVICES["web"]
    assert "ports" not in web, "the app is reached through Caddy only"
    assert web["environment"]["TRACKER_SECURE_COOKIES"] == "1"
    assert web["environment"]["TRACKER_PROXY_COUNT"] == "1"
    assert {"80:80", "443:443"} <= set(SERVICES["caddy"]["ports"])
    caddyfile = (PROJECT_ROOT / "deploy" / "Caddyfile").read_text()
    assert "{$TRACKER_DOMAIN}" in caddyfile
    assert "tls {$TRACKER_TLS}" in caddyfile
    assert "Strict-Transport-Security" in caddyfile
    assert "reverse_proxy web:5000" in caddyfile
    # Caddy's {$VAR} placeholders are defined in the caddy container.
    for variable in re.findall(r"\{\$([A-Za-z_]+)", caddyfile):
        assert variable in SERVICES["caddy"]["environment"]


def test_the_backup_service_runs_tracker_backup_with_retention():
    backup = SERVICES["backup"]
    command = " ".join(backup["command"])
    assert "tracker backup /backups --keep" in command
    assert "backups:/backups" in backup["volumes"]
    assert "/backups" in (PROJECT_ROOT / "Dockerfile").read_text()


def test_web_environment_matches_what_the_app_reads():
    env = SERVICES["web"]["environment"]
    assert env["NEO4J_URI"] == "bolt://neo4j:7687"
    assert {"NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE", "SECRET_KEY"} <= set(env)
    source = (PROJECT_ROOT / "tracker" / "config.py").read_text()
    for name in ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        assert f'"{name}"' in source
    config = (PROJECT_ROOT / "tracker" / "config.py").read_text()
    assert '"TRACKER_PROXY_COUNT"' in config
    assert '"TRACKER_SECURE_COOKIES"' in config
    dockerfile = (PROJECT_ROOT / "Dockerfile").read_text()
    assert "tracker.wsgi:app" in dockerfile
    assert "0.0.0.0:5000" in dockerfile
    assert Path(PROJECT_ROOT / ".env.example").exists()


def test_behind_the_proxy_the_app_trusts_one_hop_of_forwarded_headers():
    behind = create_app({"TESTING": True, "PROXY_COUNT": 1, "DATABASE": object()})
    assert isinstance(behind.wsgi_app, ProxyFix)
    assert (behind.wsgi_app.x_proto, behind.wsgi_app.x_for) == (1, 1)
    direct = create_app({"TESTING": True, "PROXY_COUNT": 0, "DATABASE": object()})
    assert not isinstance(direct.wsgi_app, ProxyFix)


def test_the_image_installs_the_built_wheel_not_the_source():
    dockerfile = (PROJECT_ROOT / "Dockerfile").read_text()
    stages = [line for line in dockerfile.splitlines() if line.startswith("FROM ")]
    assert len(stages) == 3
    assert stages[1].endswith(" AS wheel")
    assert "pip wheel" in dockerfile
    assert "COPY --from=wheel /dist /dist" in dockerfile
    assert "pip install --no-cache-dir /dist/partner_tracker-*.whl" in dockerfile
    assert " -e " not in dockerfile
    ignored = (PROJECT_ROOT / ".dockerignore").read_text().split()
    assert {".venv", "node_modules", "neo4j-server", "var"} <= set(ignored)
