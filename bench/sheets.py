"""Benchmark: import an attendee list of 10,000 rows and print rows per second.

    .venv/bin/python bench/sheets.py [--rows 10000] [--organisations 300] [--json]

Uses the Neo4j of NEO4J_URI (EMPTIED first) when set, else a throwaway local server in a
temporary folder that is stopped and removed at the end. The database gets the whole register
of UK public-sector organisations (the matcher's real universe) plus one event; the file is
Eventbrite-shaped: organisation names as people type them (exact, lower case, trailing spaces),
some blank with a mapped e-mail domain, some on shared domains. Timed separately: reading the
file alone (no database), the review (read + matcher + domain map), and the whole command
(review + commit in one transaction), best of three.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from collections import Counter

from tracker.config import Settings
from tracker.db import Database
from tracker.localdb import LocalServer, resolve_connection
from tracker.repositories import domains, register
from tracker.repositories.graph import import_document
from tracker.services import sheets
from tracker.sheets import attendees


def log(message: str) -> None:
    """A progress line on stderr (stdout holds only figures)."""
    print(message, file=sys.stderr, flush=True)


def write_file(path: Path, names: list[str], rows: int, seed: int = 7) -> None:
    """An Eventbrite-shaped attendee export."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write("Order #,Order Date,First Name,Surname,Email,Quantity,Ticket Type,"
                 "Attendee Status,Company,Job Title\n")
        for i in range(rows):
            roll = rng.random()
            name = rng.choice(names)
            if roll < 0.1:
                company, email = "", f"p{i}@bench-mapped.example"
            elif roll < 0.15:
                company, email = "", f"p{i}@gmail.com"
            elif roll < 0.3:
                company, email = name.lower() + " ", f"p{i}@example.org"
            else:
                company, email = name, f"p{i}@example.org"
            company = company.replace('"', "")
            fh.write(f'{7000000 + i},2023-10-01,Person,{i},{email},1,Online,Attending,'
                     f'"{company}",Analyst\n')


def best(fn, repeat: int = 3) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--organisations", type=int, default=300)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    root = Path(tempfile.mkdtemp(prefix="tracker-bench-sheets-"))
    server = None
    try:
        settings = Settings.from_env()
        if settings.neo4j_uri:
            conn = resolve_connection(settings)
        else:
            server = LocalServer(root / "neo4j", heap="1g", pagecache="256m")
            log(f"Starting a throwaway Neo4j in {root}…")
            conn = server.start(timeout=300)
        db = Database(conn)
        db.clear()
        log("Loading the register…")

        register.import_register(db)

        register_rows = db.read_tx(register.candidates)
        counted = Counter(r["name"].casefold() for r in register_rows)
        # Names the register holds once (a name two bodies share is rightly ambiguous).
        unique = sorted(r["name"] for r in register_rows if counted[r["name"].casefold()] == 1)
        names = random.Random(3).sample(unique, min(args.organisations, len(unique)))
        log(f"{len(names)} organisation names in the file")
        import_document(db, {"events": [{"id": "bench-event", "name": "Bench event",
                                         "start": "2024-01-01"}]})
        first = db.read("sheets/actors_by_name", names=[names[0].lower()])
        domains.set_domain(db, "bench-mapped.example", first[0]["id"])
        path = root / "attendees.csv"
        write_file(path, names, args.rows)
        read_s = best(lambda: attendees.scan(path))
        review_s = best(lambda: sheets.review_attendance(db, path, "bench-event"))
        result: dict = {}

        def whole() -> None:
            result.update(sheets.import_attendance(db, path, "bench-event", create_new=True))
        whole_s = best(whole)
        figures = {
            "rows": args.rows,
            "organisations_in_file": len(names),
            "organisations_attributed": len(result["attendance"]),
            "unattributed": result["unattributed"],
            "read_rows_per_second": round(args.rows / read_s),
            "review_rows_per_second": round(args.rows / review_s),
            "import_rows_per_second": round(args.rows / whole_s),
            "import_seconds": round(whole_s, 2),
        }
        if args.json:
            print(json.dumps(figures, indent=2))
        else:
            for key, value in figures.items():
                print(f"{key} {value}")
        return 0
    finally:
        if server is not None:
            server.stop()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
