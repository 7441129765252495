"""The project's own Neo4j server: fetched from Maven Central, run on 127.0.0.1 from a data directory.

Everything the server writes (configuration, data, logs, pid, port, credentials) stays under
``$TRACKER_DATA_DIR/neo4j``, so two data directories give two independent servers. The jars come
from ``$TRACKER_NEO4J_LIB`` (default: the checkout's ``neo4j-server/lib``, filled by ``make
install``), so a wheel installed elsewhere can run the same server.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from tracker.config import Settings
from tracker.queries import library

log = logging.getLogger(__name__)

NEO4J_USER = "neo4j"
# The JVM flags Neo4j's own distribution ships; without them Neo4j 5 warns or fails on Java 17.
JVM_FLAGS = [
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dlog4j2.disable.jmx=true",
]


class LocalDbError(RuntimeError):
    """A problem starting or reaching the local server, worded as one line saying what to do."""


@dataclass(frozen=True)
class Connection:
    """Where and how to reach a Neo4j server."""

    uri: str
    user: str
    password: str
    database: str = "neo4j"


def port_free(port: int, host: str = "127.0.0.1") -> bool:
    """True when nothing listens on host:port (so a server can bind it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _alive(pid: int) -> bool:
    """True when pid is a live process that looks like our Neo4j (not a recycled pid)."""
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, PermissionError):
        return False
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return True  # no /proc (not Linux): trust the signal check
    if b"CommunityEntryPoint" not in cmdline:
        return False
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except (OSError, IndexError):
        return True
    return state != "Z"


class LocalServer:
    """Start, stop and inspect the Neo4j server that belongs to one data directory."""

    def __init__(self, root: Path | None = None, heap: str | None = None,
                 pagecache: str | None = None, settings: Settings | None = None) -> None:
        self.settings = settings or Settings.from_env()
        self.root = (root or self.settings.data_dir).resolve()
        self.home = self.root / "neo4j"
        self.heap = heap or self.settings.neo4j_heap
        self.pagecache = pagecache or self.settings.neo4j_pagecache
        self.lib = self.settings.neo4j_lib

    # -- files ------------------------------------------------------------------------------
    @property
    def pid_file(self) -> Path:
        return self.home / "neo4j.pid"

    @property
    def port_file(self) -> Path:
        return self.home / "bolt.port"

    @property
    def credentials_file(self) -> Path:
        return self.root / "credentials.json"

    @property
    def log_file(self) -> Path:
        return self.home / "logs" / "console.log"

    def pid(self) -> int | None:
        """The recorded pid if that process is still our server; a stale pid file is removed."""
        try:
            pid = int(self.pid_file.read_text().strip())
        except (OSError, ValueError):
            return None
        if _alive(pid):
            return pid
        self.pid_file.unlink(missing_ok=True)
        return None

    def port(self) -> int | None:
        try:
            return int(self.port_file.read_text().strip())
        except (OSError, ValueError):
            return None

    def connection(self) -> Connection:
        """Connection details of this server (it need not be running)."""
        creds = self._credentials()
        port = self.port()
        if port is None:
            raise LocalDbError(f"No local Neo4j has run in {self.root} yet: run `tracker db start`.")
        return Connection(f"bolt://127.0.0.1:{port}", creds["user"], creds["password"])

    def _credentials(self) -> dict[str, str]:
        if not self.credentials_file.exists():
            self.root.mkdir(parents=True, exist_ok=True)
            creds = {"user": NEO4J_USER, "password": secrets.token_hex(16)}  # hex: never starts with "-"
            fd = os.open(self.credentials_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as fh:
                json.dump(creds, fh)
            return creds
        stored: dict[str, str] = json.loads(self.credentials_file.read_text())
        return stored

    # -- lifecycle --------------------------------------------------------------------------
    def _check_prerequisites(self) -> list[str]:
        java = shutil.which("java")
        if java is None:
            raise LocalDbError(
                "Java is not installed: install Java 17 (apt-get install openjdk-17-jre-headless) "
                "or set NEO4J_URI to a server you already have."
            )
        jars = sorted(self.lib.glob("*.jar")) if self.lib.is_dir() else []
        if not any(j.name.startswith("neo4j-5.26") for j in jars):
            raise LocalDbError(
                f"Neo4j's jars are missing from {self.lib}: run `make install` in a checkout "
                "(it fetches Neo4j 5.26 from Maven Central with mvn), or set TRACKER_NEO4J_LIB "
                "to a folder holding them."
            )
        return [java]

    def _choose_port(self) -> int:
        port = self.settings.neo4j_port
        if port is not None:
            if not port_free(port):
                raise LocalDbError(
                    f"Port {port} on 127.0.0.1 is in use by another program: set "
                    "TRACKER_NEO4J_PORT to a free port, or unset it to pick one automatically."
                )
            return port
        previous = self.port()
        if previous and port_free(previous):
            return previous
        return _free_port()

    def _write_config(self, port: int) -> None:
        conf = self.home / "conf"
        conf.mkdir(parents=True, exist_ok=True)
        lines = [
            "server.default_listen_address=127.0.0.1",
            f"server.bolt.listen_address=127.0.0.1:{port}",
            "server.http.enabled=false",
            "server.https.enabled=false",
            f"server.memory.heap.initial_size={self.heap}",
            f"server.memory.heap.max_size={self.heap}",
            f"server.memory.pagecache.size={self.pagecache}",
            "db.tx_log.preallocate=false",
            "db.tx_log.rotation.retention_policy=2 files",
            f"server.directories.data={self.home / 'data'}",
            f"server.directories.logs={self.home / 'logs'}",
            f"server.directories.run={self.home / 'run'}",
            "dbms.security.auth_enabled=true",
            "dbms.usage_report.enabled=false",
            "server.jvm.additional=-XX:+UseG1GC",
        ]
        (conf / "neo4j.conf").write_text("\n".join(lines) + "\n")

    def _env(self) -> dict[str, str]:
        env = dict(os.environ)
        env["NEO4J_HOME"] = str(self.home)
        env["NEO4J_CONF"] = str(self.home / "conf")
        return env

    def _classpath(self) -> str:
        return str(self.lib / "*")

    def _set_initial_password(self, java: str, password: str) -> None:
        if (self.home / "data" / "dbms" / "auth.ini").exists():
            return
        result = subprocess.run(
            [java, "-cp", self._classpath(), "org.neo4j.cli.AdminTool",
             "dbms", "set-initial-password", password],
            env=self._env(), capture_output=True, text=True, timeout=120,
        )
        if result.returncode != 0:
            raise LocalDbError(
                "Could not set the local Neo4j password: " + (result.stderr or result.stdout).strip()
            )

    def start(self, timeout: float = 120.0) -> Connection:
        """Start the server unless it already runs, and wait until it answers Bolt."""
        if self.pid() is not None:
            conn = self.connection()
            self.wait_ready(conn, timeout)
            return conn
        (java,) = self._check_prerequisites()
        port = self._choose_port()
        creds = self._credentials()
        self._write_config(port)
        for sub in ("data", "logs", "run"):
            (self.home / sub).mkdir(parents=True, exist_ok=True)
        self._set_initial_password(java, creds["password"])
        self.port_file.write_text(str(port))
        cmd = [java, f"-Xms{self.heap}", f"-Xmx{self.heap}", *JVM_FLAGS, "-cp", self._classpath(),
               "org.neo4j.server.CommunityEntryPoint", f"--home-dir={self.home}",
               f"--config-dir={self.home / 'conf'}"]
        with open(self.log_file, "ab") as console:
            proc = subprocess.Popen(cmd, stdout=console, stderr=subprocess.STDOUT, env=self._env(),
                                    stdin=subprocess.DEVNULL, start_new_session=True)
        self.pid_file.write_text(str(proc.pid))
        log.info("started Neo4j (pid %s) on 127.0.0.1:%s from %s", proc.pid, port, self.lib)
        conn = Connection(f"bolt://127.0.0.1:{port}", creds["user"], creds["password"])
        try:
            self.wait_ready(conn, timeout, proc=proc)
        except LocalDbError:
            self.stop()
            raise
        return conn

    def wait_ready(self, conn: Connection, timeout: float,
                   proc: subprocess.Popen[bytes] | None = None) -> None:
        """Poll until Bolt answers a query; fail with one clear line on exit or timeout."""
        from neo4j import GraphDatabase  # noqa: PLC0415 (tracker.db is the neo4j layer; the launcher only probes)
        from neo4j.exceptions import Neo4jError, ServiceUnavailable  # noqa: PLC0415 (tracker.db is the neo4j layer; the launcher only probes)

        deadline = time.monotonic() + timeout
        port = int(conn.uri.rsplit(":", 1)[1])
        while time.monotonic() < deadline:
            if proc is not None and proc.poll() is not None:
                raise LocalDbError(
                    f"Neo4j stopped while starting (exit {proc.returncode}): see {self.log_file}."
                )
            if not port_free(port):
                try:
                    with GraphDatabase.driver(conn.uri, auth=(conn.user, conn.password)) as d:
                        d.verify_connectivity()
                        return
                except (ServiceUnavailable, OSError, Neo4jError):
                    pass
            time.sleep(0.5)
        raise LocalDbError(
            f"Neo4j did not answer on {conn.uri} within {timeout:.0f}s: see {self.log_file}."
        )

    def stop(self, timeout: float = 60.0) -> bool:
        """Stop the server; True if one was running."""
        pid = self.pid()
        if pid is None:
            return False
        os.killpg(pid, signal.SIGTERM) if _is_group_leader(pid) else os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and _alive(pid):
            time.sleep(0.2)
        if _alive(pid):
            os.kill(pid, signal.SIGKILL)
        self.pid_file.unlink(missing_ok=True)
        return True

    def status(self) -> dict[str, object]:
        """Running state, pid, URI, and (when running) the server's version and edition."""
        pid = self.pid()
        info: dict[str, object] = {"data_dir": str(self.root), "running": pid is not None,
                                   "pid": pid}
        if pid is None:
            return info
        conn = self.connection()
        info["uri"] = conn.uri
        info.update(server_components(conn))
        return info


def _is_group_leader(pid: int) -> bool:
    try:
        return os.getpgid(pid) == pid
    except OSError:
        return False


def server_components(conn: Connection) -> dict[str, object]:
    """Version and edition as reported by `dbms.components()`."""
    from neo4j import GraphDatabase  # noqa: PLC0415 (tracker.db is the neo4j layer; the launcher only probes)
    from neo4j.exceptions import Neo4jError, ServiceUnavailable  # noqa: PLC0415 (tracker.db is the neo4j layer; the launcher only probes)

    try:
        with GraphDatabase.driver(conn.uri, auth=(conn.user, conn.password)) as d:
            records, _, _ = d.execute_query(library()["admin/components"].text,
                                            database_="system")
    except (ServiceUnavailable, OSError, Neo4jError) as exc:
        return {"error": str(exc).splitlines()[0]}
    row = records[0]
    return {"version": row["version"], "edition": row["edition"]}


def resolve_connection(settings: Settings | None = None, start: bool = True) -> Connection:
    """NEO4J_URI and friends when set; otherwise the local server of $TRACKER_DATA_DIR."""
    settings = settings or Settings.from_env()
    if settings.neo4j_uri:
        return Connection(settings.neo4j_uri, settings.neo4j_user, settings.neo4j_password,
                          settings.neo4j_database)
    server = LocalServer(settings=settings)
    return server.start() if start else server.connection()
