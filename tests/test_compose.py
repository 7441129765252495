"""docker-compose.yml: parses, and its services match what the app reads."""

from pathlib import Path

import yaml

from tracker.paths import PROJECT_ROOT

COMPOSE = yaml.safe_load((PROJECT_ROOT / "docker-compose.yml").read_text())


def test_services_and_images():
    services = COMPOSE["services"]
    assert set(services) == {"neo4j", "web"}
    assert services["neo4j"]["image"] == "neo4j:5.26-community"
    assert services["web"]["depends_on"]["neo4j"]["condition"] == "service_healthy"
    assert "healthcheck" in services["neo4j"]


def test_neo4j_auth_on_and_memory_settings_use_5x_names():
    env = COMPOSE["services"]["neo4j"]["environment"]
    assert env["NEO4J_AUTH"].startswith("neo4j/${NEO4J_PASSWORD")
    for key in ("NEO4J_server_memory_heap_initial__size", "NEO4J_server_memory_heap_max__size",
                "NEO4J_server_memory_pagecache_size"):
        assert key in env


def test_web_environment_matches_what_the_app_reads():
    env = COMPOSE["services"]["web"]["environment"]
    assert env["NEO4J_URI"] == "bolt://neo4j:7687"
    assert {"NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE", "SECRET_KEY"} <= set(env)
    source = (PROJECT_ROOT / "tracker" / "config.py").read_text()
    for name in ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        assert f'"{name}"' in source
    assert "5000:5000" in COMPOSE["services"]["web"]["ports"]
    dockerfile = (PROJECT_ROOT / "Dockerfile").read_text()
    assert "tracker.wsgi:app" in dockerfile
    assert "0.0.0.0:5000" in dockerfile
    assert Path(PROJECT_ROOT / ".env.example").exists()


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
