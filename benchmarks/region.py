"""The region summary figure: one year's summary over the benchmark database, against its floor.

The floor is the same GROUP BY queries alone: ``region_counts.count_all`` in a plain session, without
the unit of work, its audit row, the snapshot and disclosure control.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from welcomedesk.actor import Actor
from welcomedesk.db.session import Database
from welcomedesk.model import ServicePointMunicipality
from welcomedesk.services.region import region_summary, region_threshold
from welcomedesk.services.region_counts import count_all
from welcomedesk.services.region_sql import Period

Line = Callable[[str, str, str, str], None]
# The twelve months up to the benchmark data's "today" (benchmarks.dataset.TODAY): about a third of its
# arrivals.
PERIOD = (date(2025, 11, 24), date(2026, 11, 23))


def _median_ms(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def one_year(db: Database, actor: Actor, line: Line, runs: int = 3) -> float:
    """Print the one-year summary's time and its floor; returns the summary's median time (ms)."""
    start, end = PERIOD
    threshold = region_threshold(db, actor)
    with Session(db.engine) as session:
        served = tuple(session.scalars(select(ServicePointMunicipality.code)))
    period = Period(start, end, served, threshold)
    # The first summary warms the page cache, as a coordinator's second look would find it.
    summary = region_summary(db, actor, start, end)
    service = _median_ms(lambda: region_summary(db, actor, start, end), runs)

    def bare() -> object:
        with Session(db.engine) as session:
            return count_all(session, period)

    floor = _median_ms(bare, runs)
    arrivals = summary.table("arrivals_by_role").total.value or 0
    line(f"region summary for one year ({arrivals:,} arrivals)", f"median {service:7.1f} ms", "< 1 s",
         f"the same GROUP BY queries alone: median {floor:7.1f} ms; ratio {service / floor:.2f}x")
    return service
