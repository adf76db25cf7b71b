"""The cached benchmark database: 100 000 newcomers, built once with bulk inserts."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

from benchmarks.bulk import bulk_load
from welcomedesk.config import resolve_database
from welcomedesk.demo import DemoHousehold, Place, generate
from welcomedesk.services.accounts import cli_actor, desk_actor
from welcomedesk.services.setup import initialise, known_municipalities, save_profile

CACHE = Path(__file__).resolve().parent / ".cache"
PEOPLE = 100_000
TODAY = date(2026, 11, 23)


def _families(people: int) -> Iterator[DemoHousehold]:
    places = [Place(m.code, m.name, m.postal_code) for m in known_municipalities()]
    added, seed = 0, 0
    while True:
        for family in generate(1000, seed, TODAY, places):
            # Identity codes are unique within one seed only; keep the first seed's.
            if seed:
                family = replace(family, members=tuple(replace(m, personal_identity_code=None)
                                                       for m in family.members))
            yield family
            added += len(family.members)
            if added >= people:
                return
        seed += 1


def database(people: int = PEOPLE) -> Path:
    """The path of the benchmark database, built on first use."""
    # The name changes with what the data holds, so an older cache is built again (v3: checklists).
    path = CACHE / f"bench-{people}-v3.sqlite3"
    if path.exists():
        # A newer program upgrades the cached file as ``init`` would (the data stays).
        db, result = initialise(resolve_database(str(path)))
        db.close()
        if result.opened == "upgraded":
            for copy in CACHE.glob(f"{path.name}.*before*"):
                copy.unlink()
        return path
    CACHE.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".building")
    for stale in CACHE.glob(partial.name + "*"):
        stale.unlink()
    target = resolve_database(str(partial))
    db, _ = initialise(target)
    save_profile(db, cli_actor(db), "Kainuun Welcome Desk", list(known_municipalities()))
    desk_actor(db, "bench")
    bulk_load(db, _families(people))
    with db.engine.begin() as connection:
        connection.exec_driver_sql("ANALYZE")
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    partial.rename(path)
    return path
