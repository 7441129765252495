"""tracker backup / restore: everything comes back (users who can log in, the audit log, any
helper's nodes), a non-empty database is refused, a damaged file is refused with one line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import tracker.cli as cli_module
from tests.conftest import PASSWORD, login, make_user
from tracker import create_app
from tracker.db import Database
from tracker.demo import load_demo
from tracker.localdb import LocalServer
from tracker.repositories import backup as repo
from tracker.repositories import users


def canonical(db: Database) -> dict[str, Any]:
    """The whole graph with element ids replaced by node contents (comparable across servers).

    The state node's epoch and version are left out: a restore gives it a new epoch on purpose.
    """
    snap = repo.snapshot(db)

    def node_text(n: dict[str, Any]) -> str:
        props = dict(n["props"])
        if "Meta" in n["labels"]:
            props.pop("epoch", None)
            props.pop("version", None)
        return json.dumps([sorted(n["labels"]), props], sort_keys=True)

    by_key = {n["key"]: node_text(n) for n in snap["nodes"]}
    return {
        "nodes": sorted(by_key.values()),
        "relationships": sorted(json.dumps([by_key[r["start"]], r["type"], r["props"],
                                            by_key[r["end"]]], sort_keys=True)
                                for r in snap["relationships"]),
    }


def seed(db: Database) -> None:
    """The demo, two users, their audit entries, and nodes of a kind the tracker does not know
    (standing in for another feature's tokens, domain maps or merge records)."""
    load_demo(db)
    make_user(db, "admin", "ada")
    make_user(db, "viewer", "vic")
    db.run_write(lambda tx: tx.run(
        "CREATE (:ApiToken:Secret {hash: 'h1', created: datetime('2026-01-02T03:04:05.123456789Z'),"
        " scopes: ['read', 'write'], ratio: 0.5, raw: $raw})"
        "-[:ISSUED_TO {at: date('2026-01-02'), span: duration('P1M2DT3S')}]->"
        "(:DomainMap {domain: 'gov.wales', org: 'welsh-government'})", raw=b"\x00\x01").consume())


def test_restore_into_a_fresh_server_brings_back_everything(db, cli, tmp_path):
    seed(db)
    before = canonical(db)
    assert any("AuditEntry" in n for n in before["nodes"])
    assert any("password_hash" in n for n in before["nodes"])
    file = tmp_path / "all.ptb"
    result = cli("backup", str(file))
    assert result.exit_code == 0, result.output
    assert "nodes" in result.output

    server = LocalServer(tmp_path / "fresh", heap="512m", pagecache="64m")
    fresh = Database(server.start(timeout=180))
    try:
        cli_module._DB = fresh  # the cli fixture's monkeypatch restores the test database after
        result = cli("restore", str(file))
        assert result.exit_code == 0, result.output
        assert canonical(fresh) == before
        # The users can log in with the same passwords, on an app over the restored server.
        app = create_app({"TESTING": True, "DATABASE": fresh, "WTF_CSRF_ENABLED": False})
        client = login(app.test_client(), "ada", PASSWORD)
        assert client.get("/").status_code == 200
        assert users.authenticate(fresh, "vic", PASSWORD) is not None
        assert users.authenticate(fresh, "vic", "wrong password!") is None
    finally:
        fresh.close()
        server.stop()


def test_restore_refuses_a_database_that_is_not_empty_unless_replace(db, cli, tmp_path):
    seed(db)
    before = canonical(db)
    file = tmp_path / "b.ptb"
    assert cli("backup", str(file)).exit_code == 0
    make_user(db, "editor", "late-comer")
    with_extra = canonical(db)
    refused = cli("restore", str(file))
    assert refused.exit_code == 1
    assert "not empty" in refused.output
    assert "--replace" in refused.output
    assert canonical(db) == with_extra  # nothing changed
    replaced = cli("restore", str(file), "--replace")
    assert replaced.exit_code == 0, replaced.output
    assert canonical(db) == before
    assert users.authenticate(db, "late-comer", PASSWORD) is None


def test_a_restore_gives_caches_a_new_epoch(db, cli, tmp_path):
    seed(db)
    version_before = db.data_version()
    file = tmp_path / "b.ptb"
    assert cli("backup", str(file)).exit_code == 0
    assert cli("restore", str(file), "--replace").exit_code == 0
    assert db.data_version() != version_before


@pytest.mark.parametrize(("damage", "message"), [
    (lambda b: b[: len(b) // 2], "truncated"),
    (lambda b: b[:-1] + bytes([b[-1] ^ 1]), "checksum"),
    (lambda b: b"hello\n" + b, "not a Partner Tracker backup"),
    (lambda b: b[:30], "truncated"),
])
def test_a_damaged_file_is_refused_with_one_line_and_nothing_written(db, cli, tmp_path, damage,
                                                                      message):
    seed(db)
    file = tmp_path / "b.ptb"
    assert cli("backup", str(file)).exit_code == 0
    broken = tmp_path / "broken.ptb"
    broken.write_bytes(damage(file.read_bytes()))
    db.clear()
    result = cli("restore", str(broken))
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, lines
    assert message in lines[0]
    assert "nothing was restored" in lines[0]
    assert repo.node_count(db) == 0


def test_encrypted_backup_needs_the_passphrase(db, cli, tmp_path):
    seed(db)
    before = canonical(db)
    secret = tmp_path / "pass"
    secret.write_text("a long enough passphrase\n")
    file = tmp_path / "enc.ptb"
    assert cli("backup", str(file), "--encrypt", "--passphrase-file", str(secret)).exit_code == 0
    # Nothing readable (a short name like "ada" can occur by chance in the base64 ciphertext).
    assert b"welsh-government" not in file.read_bytes()
    assert b"password_hash" not in file.read_bytes()
    db.clear()
    wrong = tmp_path / "wrong"
    wrong.write_text("not the right passphrase")
    refused = cli("restore", str(file), "--passphrase-file", str(wrong))
    assert refused.exit_code == 1
    assert "passphrase does not open" in refused.output
    assert repo.node_count(db) == 0
    result = cli("restore", str(file), "--passphrase-file", str(secret))
    assert result.exit_code == 0, result.output
    assert canonical(db) == before


def test_scheduled_backups_keep_the_newest(db, cli, tmp_path):
    seed(db)
    folder = tmp_path / "backups"
    folder.mkdir()
    for stamp in ("20250101T000000Z", "20250102T000000Z", "20250103T000000Z"):
        (folder / f"tracker-{stamp}.ptb").write_bytes(b"old")
    result = cli("backup", str(folder), "--keep", "2")
    assert result.exit_code == 0, result.output
    kept = sorted(p.name for p in Path(folder).iterdir())
    assert len(kept) == 2
    assert kept[0] == "tracker-20250103T000000Z.ptb"
    assert cli("restore", str(folder / kept[1]), "--replace").exit_code == 0
