"""Nothing committed is lost when the program is killed in the middle of a save."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select, text

from welcomedesk.config import resolve_database
from welcomedesk.db.session import open_database
from welcomedesk.model import Person
from welcomedesk.services.setup import initialise

ROOT = Path(__file__).resolve().parents[2]

WRITER = """
import sys, time
from welcomedesk.config import resolve_database
from welcomedesk.db.session import open_database, unit_of_work
from welcomedesk.model import Household, Person
from welcomedesk.services.accounts import cli_actor
db = open_database(resolve_database(sys.argv[1]))
actor = cli_actor(db)
with unit_of_work(db, actor) as session:
    session.add(Person(household=Household(name="Kept"), given_names="Committed", family_name="Kept"))
print("committed", flush=True)
with unit_of_work(db, actor) as session:
    household = Household(name="Lost")
    for i in range(100000):
        session.add(Person(household=household, given_names="Half", family_name=f"Done {i}"))
        if i % 500 == 0:
            session.flush()
            print("flushing", flush=True)
"""


def test_killed_mid_save_keeps_what_was_committed(tmp_path: Path) -> None:
    path = tmp_path / "desk.sqlite3"
    db, _ = initialise(resolve_database(str(path)))
    db.close()
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], cwd=ROOT, stdout=subprocess.PIPE,
                              text=True)
    assert writer.stdout is not None
    assert writer.stdout.readline().strip() == "committed"
    deadline = time.monotonic() + 30
    flushes = 0
    while flushes < 3 and time.monotonic() < deadline:
        flushes += writer.stdout.readline().strip() == "flushing"
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=10)
    assert flushes == 3
    db = open_database(resolve_database(str(path)))
    with db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        names = connection.execute(select(Person.given_names)).scalars().all()
        assert connection.scalar(select(func.count()).select_from(Person)) == 1
    assert names == ["Committed"]
    db.close()


SAVER = """
import sys
from welcomedesk.config import resolve_database
from welcomedesk.db.session import open_database
from welcomedesk.services.accounts import cli_actor
from welcomedesk.services.registration import register_household
db = open_database(resolve_database(sys.argv[1]))
actor = cli_actor(db)
print("ready", flush=True)
round_ = sys.argv[2]
for i in range(100000):
    ids = register_household(db, actor, [
        {"given_names": "Round", "family_name": f"Saved {round_} {i}", "relation": "main", "status": "arrived",
         "arrival_date": "2026-11-02"},
        {"given_names": "Spouse", "family_name": f"Saved {round_} {i}", "relation": "spouse"}])
    print(" ".join(str(n) for n in ids), flush=True)
"""


def test_killed_many_times_mid_save_every_committed_record_is_there(tmp_path: Path) -> None:
    import random

    from welcomedesk.services.accounts import cli_actor
    from welcomedesk.services.health import check_database

    path = tmp_path / "desk.sqlite3"
    db, _ = initialise(resolve_database(str(path)))
    db.close()
    committed: list[int] = []
    chance = random.Random(11)
    for round_ in range(8):
        writer = subprocess.Popen([sys.executable, "-c", SAVER, str(path), str(round_)], cwd=ROOT,
                                  stdout=subprocess.PIPE, text=True)
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "ready"
        # Killed after a few households, at a moment that falls anywhere in a save.
        for _ in range(chance.randint(1, 6)):
            committed += [int(n) for n in writer.stdout.readline().split()]
        time.sleep(chance.uniform(0, 0.05))
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=10)
        # What it printed before dying had been committed: read the rest of its output too.
        committed += [int(n) for line in writer.stdout.read().splitlines() for n in line.split()]
    assert len(committed) >= 16
    db = open_database(resolve_database(str(path)))
    try:
        with db.engine.connect() as connection:
            assert connection.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            present = set(connection.execute(select(Person.id)).scalars())
        assert set(committed) <= present
        # Each household whole: a killed save left no half of one (two people each).
        assert len(present) % 2 == 0
        report = check_database(db, cli_actor(db))
        assert report.healthy, report.findings
    finally:
        db.close()
