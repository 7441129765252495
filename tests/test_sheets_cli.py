"""`tracker attendance import`, `tracker domains`, `tracker events import-sheet` on a real Neo4j."""

from __future__ import annotations

import json

from tests.sheets_helpers import EVENTBRITE, attendance, seed


def _json(result):  # type: ignore[no-untyped-def]
    return json.loads(result.output)


def test_eventbrite_dry_run_reports_problems_and_writes_nothing(db, cli):  # type: ignore[no-untyped-def]
    seed(db)
    result = cli("attendance", "import", str(EVENTBRITE), "--event", "showcase-2023", "--json")
    assert result.exit_code == 1, result.output
    out = _json(result)
    assert set(out) == {"event", "rows", "attendance", "unattributed", "problems", "written"}
    assert out["event"] == "showcase-2023" and out["rows"] == 12 and out["written"] is False
    problems = {p["value"]: p for p in out["problems"]}
    assert "ambiguous" in problems["Data Unit"]["problem"]
    assert problems["Data Unit"]["row"] == 9
    assert "unknown" in problems["Acme Analytics Ltd"]["problem"]
    assert attendance(db, "showcase-2023") == {}


def test_domains_then_import_counts_per_organisation(db, cli):  # type: ignore[no-untyped-def]
    seed(db)
    assert cli("domains", "set", "ons.gov.uk", "ons").exit_code == 0
    assert cli("domains", "set", "gov.wales", "wg").exit_code == 0
    result = cli("attendance", "import", str(EVENTBRITE), "--event", "showcase-2023",
                 "--create-new", "--json")
    out = _json(result)
    # Data Unit stays ambiguous even with --create-new: nothing is written.
    assert result.exit_code == 1 and out["written"] is False
    assert [p["value"] for p in out["problems"]] == ["Data Unit"]
    assert attendance(db, "showcase-2023") == {}
