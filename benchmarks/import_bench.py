"""The import figure: 10 000 rows into a copy of the 100 000-person database, while another desk searches.

The floor is the same households put in with bare bulk inserts (no checks, no audit).
"""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

from benchmarks.bulk import bulk_load
from welcomedesk.demo import DemoHousehold, Place, generate
from welcomedesk.person_fields import IMPORT_COLUMNS

ROWS = 10_000
# Another desk: searches in a loop until told to stop; prints its slowest search in ms.
SEARCHER = """
import sys, time
from welcomedesk.config import resolve_database
from welcomedesk.db.session import open_database
from welcomedesk.services.accounts import desk_actor
from welcomedesk.services.newcomers import NewcomerQuery, search_newcomers
db = open_database(resolve_database(sys.argv[1]))
actor = desk_actor(db, "other-desk")
slowest, count = 0.0, 0
print("ready", flush=True)
while not __import__("os").path.exists(sys.argv[2]):
    for text in ("santos", "nguy", "maria", "ol"):
        start = time.perf_counter()
        search_newcomers(db, actor, NewcomerQuery(search=text), 100)
        slowest = max(slowest, time.perf_counter() - start)
        count += 1
print(f"{slowest * 1000:.0f} {count}", flush=True)
"""


def _families() -> list[DemoHousehold]:
    places = [Place("205", "Kajaani", "87100")]
    families: list[DemoHousehold] = []
    seed = 900
    while sum(len(f.members) for f in families) < ROWS:
        families += [replace(f, members=tuple(replace(m, personal_identity_code=None) for m in f.members))
                     for f in generate(500, seed, date(2026, 11, 23), places)]
        seed += 1
    people = 0
    kept = []
    for family in families:
        if people + len(family.members) > ROWS:
            family = replace(family, members=family.members[:ROWS - people])
        kept.append(family)
        people += len(family.members)
        if people == ROWS:
            break
    return kept


def _write_csv(path: Path, families: list[DemoHousehold]) -> None:
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, delimiter=";")
        writer.writerow([*IMPORT_COLUMNS, "municipality"])
        for number, family in enumerate(families):
            for m in family.members:
                writer.writerow([f"H{number}", m.relation, m.given_names, m.family_name, m.native_name,
                                 m.date_of_birth.isoformat(), m.nationality, ";".join(m.languages), m.email, m.phone,
                                 m.arrival_date.isoformat(), m.status, m.employer, m.occupation, "",
                                 m.municipality_code])


def measure(database: Path) -> tuple[float, float, str]:
    """(import seconds, floor seconds, what the other desk saw)."""
    from welcomedesk.config import resolve_database
    from welcomedesk.db.session import open_database
    from welcomedesk.services.accounts import cli_actor
    from welcomedesk.services.importing import import_file

    families = _families()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        listing = work / "list.csv"
        _write_csv(listing, families)
        for copy in ("import.sqlite3", "floor.sqlite3"):
            shutil.copyfile(database, work / copy)
        db = open_database(resolve_database(str(work / "import.sqlite3")))
        stop = work / "stop"
        other = subprocess.Popen([sys.executable, "-c", SEARCHER, str(work / "import.sqlite3"), str(stop)],
                                 stdout=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parent.parent)
        assert other.stdout is not None and other.stdout.readline().strip() == "ready"
        start = time.perf_counter()
        result = import_file(db, cli_actor(db), listing)
        seconds = time.perf_counter() - start
        stop.touch()
        slowest, searches = other.communicate(timeout=60)[0].split()
        db.close()
        assert result.people + len(result.skipped) == ROWS, result  # a few made-up people exist already
        floor_db = open_database(resolve_database(str(work / "floor.sqlite3")))
        start = time.perf_counter()
        bulk_load(floor_db, families)
        floor = time.perf_counter() - start
        floor_db.close()
    return seconds, floor, f"another desk ran {searches} searches meanwhile, the slowest {slowest} ms"
