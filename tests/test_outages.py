"""A write whose acknowledgement is lost: the patient CLI checks the audit log for the write's id
before it reports, and retries once when the write did not land (never twice, never lost)."""

from __future__ import annotations

import json
from typing import Any

import pytest

import tracker.cli as cli_module
from tracker.audit import entry
from tracker.db import Database, DatabaseUnavailable, WriteLanded, value
from tracker.demo import DEMO_FILE, load_demo
from tracker.repositories.graph import export_document


class LosesOneAnswer(Database):
    """The session's real database, except that the first write's outcome is lost: either the
    connection drops after the commit (``after=True``) or before it (``after=False``)."""

    def __init__(self, real: Database, after: bool) -> None:
        super().__init__(real.connection, patient=True)
        self.after = after
        self.lost = False

    def _run(self, mode: str, work: Any) -> Any:
        if mode == "write" and not self.lost:
            self.lost = True
            if self.after:
                super()._run(mode, work)
            raise DatabaseUnavailable("connection lost during commit (injected)")
        return super()._run(mode, work)


@pytest.mark.parametrize("after", [True, False])
def test_a_lost_commit_is_checked_then_reported_or_retried_once(db, after):
    flaky = LosesOneAnswer(db, after)
    try:
        write = lambda: flaky.write_tx(  # noqa: E731
            lambda tx: value(tx, "meta/ping"), audit=[entry("test", "x", "write")])
        if after:
            with pytest.raises(WriteLanded):
                write()
        else:
            write()
    finally:
        flaky.close()
    page = db.read_one("audit/list", entity="test", user=None, skip=0, limit=10)
    assert page is not None
    assert page["total"] == 1


def test_the_cli_reports_a_landed_import_as_done(db, cli, monkeypatch, tmp_path):
    flaky = LosesOneAnswer(db, after=True)
    monkeypatch.setattr(cli_module, "_DB", flaky)
    try:
        result = cli("import", str(DEMO_FILE))
    finally:
        flaky.close()
    assert result.exit_code == 0, result.output
    assert "the write landed" in result.output
    # The same as importing it once.
    reference = json.dumps(_export(db), sort_keys=True)
    db.clear()
    load_demo(db)
    assert json.dumps(_export(db), sort_keys=True) == reference


def _export(db: Database) -> dict[str, Any]:
    """The export, less what each import makes afresh: a feedback follow-up's id and time."""
    doc = export_document(db)
    for item in doc.get("follow_ups", []):
        item.pop("id", None)
        item.pop("created_at", None)
    doc["follow_ups"] = sorted(doc.get("follow_ups", []), key=lambda f: str(f.get("origin")))
    return doc
