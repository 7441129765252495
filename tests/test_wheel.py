"""The package runs from a built wheel installed (not editable) into a fresh virtual environment.

The wheel is built from a copy of the source with the project's own setuptools (offline), and
installed with --no-deps; the fresh environment borrows the project venv's third-party packages
through a path file (a plain directory entry: the editable install's hook there is not run), so
the only `tracker` it can import is the installed one. It must list every file of the source
package (Cypher, templates, data, static files including the vendored libraries), answer
`tracker --help`, and serve the login page with its stylesheet on the test database.
"""

from __future__ import annotations

import importlib.metadata
import os
import shutil
import subprocess
import sys
import sysconfig
import time
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tracker.localdb import Connection, port_free
from tracker.paths import PACKAGE_DIR, PROJECT_ROOT


def _package_files() -> set[str]:
    """Every file of the source package as a wheel names it (tracker/...), caches excluded."""
    found = set()
    for path in PACKAGE_DIR.rglob("*"):
        rel = path.relative_to(PACKAGE_DIR.parent)
        if path.is_file() and "__pycache__" not in rel.parts \
                and not any(part.startswith(".") for part in rel.parts):
            found.add(rel.as_posix())
    return found


@dataclass(frozen=True)
class Installed:
    wheel: Path
    venv: Path
    work: Path

    def bin(self, name: str) -> str:
        return str(self.venv / "bin" / name)


def _run(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"{args}: {result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    """Build the wheel from a copy of the source, install it into a fresh venv."""
    setuptools_major = int(importlib.metadata.version("setuptools").split(".")[0])
    assert setuptools_major >= 77, "this venv's setuptools cannot build the wheel: run make install"
    root = tmp_path_factory.mktemp("wheel")
    src = root / "src"
    shutil.copytree(PACKAGE_DIR, src / "tracker",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(PROJECT_ROOT / name, src / name)
    _run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-index",
         "--no-build-isolation", "--wheel-dir", str(root / "dist"), str(src), cwd=root)
    (wheel,) = (root / "dist").glob("partner_tracker-*.whl")
    venv = root / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", str(venv), cwd=root)
    _run(sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install",
         "--quiet", "--no-deps", "--no-index", str(wheel), cwd=root)
    purelib = Path(_run(str(venv / "bin" / "python"), "-c",
                        "import sysconfig; print(sysconfig.get_paths()['purelib'])",
                        cwd=root).stdout.strip())
    (purelib / "project_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    work = root / "work"
    work.mkdir()
    return Installed(wheel, venv, work)


def test_the_wheel_holds_every_file_of_the_package(installed: Installed):
    with zipfile.ZipFile(installed.wheel) as wheel:
        shipped = {n for n in wheel.namelist() if n.startswith("tracker/")}
    source = _package_files()
    assert sorted(source - shipped) == []
    for folder in ("cypher/", "templates/", "data/", "static/vendor/", "static/js/"):
        assert any(n.startswith("tracker/" + folder) for n in shipped), folder


def test_the_installed_package_is_the_wheel_not_the_checkout(installed: Installed):
    where = _run(installed.bin("python"), "-c", "import tracker; print(tracker.__file__)",
                 cwd=installed.work).stdout.strip()
    assert where.startswith(str(installed.venv)), where


def test_tracker_help_runs(installed: Installed):
    result = _run(installed.bin("tracker"), "--help", cwd=installed.work)
    assert "Partner Tracker" in result.stdout
    for command in ("serve", "setup", "db", "import", "reach"):
        assert f"  {command} " in result.stdout, command


def test_the_local_server_finds_its_jars_through_a_setting(installed: Installed):
    script = "from tracker.config import Settings; print(Settings.from_env().neo4j_lib)"
    env = {k: v for k, v in os.environ.items() if k != "TRACKER_NEO4J_LIB"}
    default = _run(installed.bin("python"), "-c", script, cwd=installed.work, env=env)
    assert default.stdout.strip() == str(installed.work / "neo4j-server" / "lib")
    chosen = _run(installed.bin("python"), "-c", script, cwd=installed.work,
                  env={**env, "TRACKER_NEO4J_LIB": "/opt/neo4j/lib"})
    assert chosen.stdout.strip() == "/opt/neo4j/lib"


@pytest.fixture
def served(installed: Installed, neo4j_connection: Connection) -> Iterator[str]:
    """`tracker serve` from the fresh venv on the test database; yields its base URL."""
    port = next(p for p in range(18_400, 18_500) if port_free(p))
    env = {**os.environ, "NEO4J_URI": neo4j_connection.uri, "NEO4J_USER": neo4j_connection.user,
           "NEO4J_PASSWORD": neo4j_connection.password,
           "NEO4J_DATABASE": neo4j_connection.database,
           "TRACKER_DATA_DIR": str(installed.work / "var"), "SECRET_KEY": "wheel-test"}
    proc = subprocess.Popen([installed.bin("tracker"), "serve", "--port", str(port)],
                            cwd=installed.work, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                urllib.request.urlopen(base + "/healthz", timeout=5)
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.5)
        assert proc.poll() is None, proc.stdout.read() if proc.stdout else ""
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_installed_app_serves_the_login_page_and_its_static_files(served: str):
    with urllib.request.urlopen(served + "/login", timeout=10) as response:
        assert response.status == 200
        page = response.read().decode()
    assert 'name="username"' in page
    assert 'name="password"' in page
    assert "/static/css/app.css" in page
    for static in ("/static/css/app.css", "/static/vendor/chart.umd.js",
                   "/static/vendor/cytoscape.min.js", "/static/js/network.js"):
        with urllib.request.urlopen(served + static, timeout=10) as response:
            assert response.status == 200, static
            assert response.read(), static
