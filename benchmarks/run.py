"""Print every figure of DESIGN.md's performance table against 100 000 newcomers.

    .venv/bin/python benchmarks/run.py [--runs N]

Each figure is printed with its goal and the floor it is measured against, so a ratio can be
read off one run. The database is built once with bulk inserts and cached in benchmarks/.cache.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.dataset import PEOPLE, database  # noqa: E402
from welcomedesk.actor import Actor  # noqa: E402
from welcomedesk.db.session import Database  # noqa: E402

SEARCHES = ("nguy", "santos", "maria", "al-h", "ol", "шевч", "kovalenko olena", "a", "zz", "thi lan")


def timed(fn: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return times


def p95(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def summary(times: list[float]) -> str:
    return f"median {statistics.median(times):7.1f} ms, p95 {p95(times):7.1f} ms"


def line(figure: str, measured: str, goal: str, floor: str) -> None:
    print(f"{figure:<52} {measured:<36} goal {goal:<26} floor {floor}")


def startup(path: Path, runs: int) -> None:
    env = os.environ | {"QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    probe = str(Path(__file__).with_name("startup_probe.py"))

    def once(*args: str) -> dict[str, float]:
        start = time.time()
        out = subprocess.run([sys.executable, probe, *args], capture_output=True, text=True, env=env,
                             check=True, timeout=120).stdout
        result = json.loads(out.strip().splitlines()[-1])
        return {"seconds": result["painted_at"] - start, "rss_mb": result["rss_mb"]}

    once(str(path))  # warm the disk cache
    app = [once(str(path)) for _ in range(runs)]
    bare = [once("--bare") for _ in range(runs)]
    line("start until the Home page's rows are painted",
         f"median {statistics.median(r['seconds'] for r in app):.2f} s",
         "< 0.6 s", f"bare PySide6 window {statistics.median(r['seconds'] for r in bare):.2f} s")
    line("resident memory of the GUI with the list open",
         f"{statistics.median(r['rss_mb'] for r in app):.0f} MB", "< 200 MB",
         f"bare PySide6 window {statistics.median(r['rss_mb'] for r in bare):.0f} MB")


def search_and_open(path: Path, runs: int) -> None:
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from welcomedesk.config import resolve_database
    from welcomedesk.db.session import open_database
    from welcomedesk.model import Person, Service
    from welcomedesk.services.accounts import desk_actor
    from welcomedesk.services.newcomers import (
        _ROW_COLUMNS,
        NewcomerQuery,
        _count,
        _page,
        _rows,
        get_person,
        search_newcomers,
    )

    db = open_database(resolve_database(str(path)))
    actor = desk_actor(db, "bench")
    service, floor = [], []
    with Session(db.engine) as session:
        for text in SEARCHES:
            query = NewcomerQuery(search=text)
            service += timed(lambda q=query: search_newcomers(db, actor, q, 100), runs)

            def bare(q: NewcomerQuery = query) -> None:
                # The same two SQL queries, without the unit of work and its audit row.
                _page(session, q, 0, 100, _count(session, q))

            floor += timed(bare, runs)
    line("search, query to first page (no debounce; 200 ms in the UI)", summary(service),
         "p95 < 20 ms, < 1.2x floor",
         f"the same indexed SQL alone: {summary(floor)}; p95 ratio {p95(service) / p95(floor):.2f}x")
    ids = [1, PEOPLE // 3, PEOPLE // 2, PEOPLE - 5, 4242, 77_777]
    opened = [t for person in ids for t in timed(lambda p=person: get_person(db, actor, p), runs)]

    def bare_open(person_id: int) -> None:
        # The same rows read in a plain session: no unit of work, no audit row, no dataclasses.
        with Session(db.engine) as plain:
            person = plain.get(Person, person_id)
            assert person is not None
            plain.scalars(select(Service)).all()
            for rows in (person.status_history, person.visits, person.activity_history, person.notes, person.tags,
                         person.checklist, person.follow_ups, person.path_stages):
                len(rows)
            _rows(plain, select(*_ROW_COLUMNS).where(Person.household_id == person.household_id))

    opened_floor = [t for person in ids for t in timed(functools.partial(bare_open, person), runs)]
    steps = len(get_person(db, actor, ids[0]).steps)
    line(f"open a person with household and checklist ({steps} steps)", summary(opened), "< 20 ms",
         f"the same rows read alone: {summary(opened_floor)}")
    today(db, actor, runs)
    db.close()


def today(db: Database, actor: Actor, runs: int) -> None:
    """The Home page's lists through the service, and the same queries in a plain session."""
    from datetime import date, timedelta

    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from welcomedesk.model import Service
    from welcomedesk.services import today as home

    on = date(2026, 11, 23)
    service = timed(lambda: home.today_lists(db, actor, on), runs * 4)

    def bare() -> None:
        with Session(db.engine) as session:
            names = dict(session.execute(select(Service.id, Service.name)).all())
            home._steps(session, None, on, names)
            home._steps(session, on, on + timedelta(days=home.WEEK + 1), names)
            home._simple(session, *home._follow_up_queries(on))
            home._simple(session, *home._permit_queries(on))
            home._protection(session, on)
            home._simple(session, *home._arrival_queries(on))
            home._recent(session, actor)

    floor = timed(bare, runs * 4)
    found = home.today_lists(db, actor, on)
    line(f"the Home page's \"today\" lists ({found.overdue.total}+ late steps)", summary(service), "< 50 ms",
         f"the same SQL alone: {summary(floor)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", choices=("packets", "region"), help="measure only these figures")
    args = parser.parse_args()
    start = time.perf_counter()
    path = database()
    print(f"database: {path} ({PEOPLE:,} newcomers; ready in {time.perf_counter() - start:.1f} s)")
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    if args.only is None:
        startup(path, args.runs)
        search_and_open(path, args.runs)
        from benchmarks.import_bench import measure

        seconds, floor, other_desk = measure(path)
        line("import 10 000 rows, other desks still searching", f"{seconds:.1f} s ({other_desk})", "< 5 s",
             f"bulk insert of the same rows {floor:.1f} s")
    from benchmarks.packets import batch, one_packet
    from benchmarks.region import one_year
    from welcomedesk.config import resolve_database
    from welcomedesk.db.session import open_database
    from welcomedesk.services.accounts import desk_actor

    db = open_database(resolve_database(str(path)))
    try:
        actor = desk_actor(db, "bench")
        if args.only in (None, "packets"):
            one = one_packet(db, actor, args.runs, line)
            batch(db, actor, one, line)
        if args.only in (None, "region"):
            one_year(db, actor, line, args.runs)
    finally:
        db.close()


if __name__ == "__main__":
    main()
