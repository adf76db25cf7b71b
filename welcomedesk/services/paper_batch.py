"""Papers for a group arrival, made in a pool of processes: one PDF per adult, written and recorded one by one.

A job is plain data (the database target, the account, the request, the file), so it can cross into
another process; each worker opens its own connection once. Cancelling stops the jobs not yet started;
a paper already made is written whole and recorded, and nothing else is.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from datetime import date
from multiprocessing import get_context
from pathlib import Path

from sqlalchemy import select

from welcomedesk.actor import Actor
from welcomedesk.codes import PaperKind, Relation
from welcomedesk.config import DatabaseTarget
from welcomedesk.db.session import Database, open_database, record, unit_of_work
from welcomedesk.errors import KnownError, ValidationError
from welcomedesk.i18n import _
from welcomedesk.model import Person, StaffAccount
from welcomedesk.packet.content import parse_languages
from welcomedesk.services.papers import ADULT_AGE, PaperRequest, document_languages, save_paper

# Enough for a group arrival; a larger batch is a mistake in its dates.
MOST = 2000


@dataclass(frozen=True)
class BatchJob:
    """One paper of a batch, as plain data."""

    target: DatabaseTarget
    account_id: int
    request: PaperRequest
    out: Path


@dataclass(frozen=True)
class BatchOutcome:
    """How one job went: its file, or the reasons it was refused."""

    person_id: int
    out: Path | None
    pages: int = 0
    reasons: tuple[str, ...] = ()


def _adult(person: Person, today: date) -> bool:
    born = person.date_of_birth
    if isinstance(born, date):
        return today.year - born.year - ((today.month, today.day) < (born.month, born.day)) >= ADULT_AGE
    return person.relation is not Relation.CHILD


def plan_batch(db: Database, actor: Actor, arrived_from: date, arrived_to: date, out_dir: Path,
               languages: tuple[str, ...] = (), today: date | None = None) -> list[BatchJob]:
    """One packet job per adult who arrived (or is expected) between the two days, named ``<id>-<lang>.pdf``."""
    if arrived_to < arrived_from:
        raise ValidationError(_("The period ends before it starts."), field="arrived_to")
    if languages:
        languages = parse_languages("+".join(languages))
    today = today or date.today()
    with unit_of_work(db, actor) as session:
        people = list(session.scalars(select(Person).where(Person.arrival_date >= arrived_from,
                                                           Person.arrival_date <= arrived_to)
                                      .order_by(Person.arrival_date, Person.id).limit(MOST + 1)))
        if len(people) > MOST:
            raise ValidationError(_("More than {most} people arrived in that period: choose a shorter one.").format(
                most=MOST), field="arrived_from")
        record(session, "search", "person", None, "arrival_date,paper")
        jobs = []
        for person in people:
            if not _adult(person, today):
                continue  # a child's steps are in the parents' packets
            chosen = languages or document_languages(person.language_codes())
            request = PaperRequest(PaperKind.PACKET, person.id, chosen)
            jobs.append(BatchJob(db.target, actor.account_id, request, out_dir / f"{person.id}-{'+'.join(chosen)}.pdf"))
        return jobs


# -- in the worker process

_worker: tuple[Database, Actor] | None = None


def _open(target: DatabaseTarget, account_id: int) -> tuple[Database, Actor]:
    global _worker
    if _worker is None:
        from welcomedesk.services.accounts import _actor

        db = open_database(target)
        with unit_of_work(db, None) as session:
            account = session.get(StaffAccount, account_id)
            if account is None or not account.active:
                raise ValidationError(_("The staff account of the batch is closed."))
            _worker = (db, _actor(account))
    return _worker


def run_job(job: BatchJob) -> BatchOutcome:
    """Make, write and record one paper (in a worker process, or inline)."""
    try:
        db, actor = _open(job.target, job.account_id)
        made = save_paper(db, actor, job.request, job.out)
    except KnownError as exc:
        # A refused paper, or a folder or disk that refuses its file: this one is not made, the others go on.
        return BatchOutcome(job.request.person_id, None, reasons=exc.reasons)
    return BatchOutcome(job.request.person_id, job.out, made.paper.pages)


def _ignore_interrupt() -> None:
    # Ctrl+C reaches the whole process group: the parent decides, the workers finish their paper.
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


class Batch:
    """Runs jobs in a pool of processes; ``cancel`` (from any thread) stops the ones not started."""

    def __init__(self, jobs: list[BatchJob], workers: int | None = None) -> None:
        self.jobs = jobs
        self.workers = max(1, min(workers or os.cpu_count() or 1, len(jobs) or 1, 4))
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self, on_outcome: Callable[[BatchOutcome, int, int], None] | None = None) -> list[BatchOutcome]:
        """Every finished job's outcome, in the order they finished; ``on_outcome(outcome, done, total)``."""
        outcomes: list[BatchOutcome] = []
        for outcome in self._outcomes():
            outcomes.append(outcome)
            if on_outcome is not None:
                on_outcome(outcome, len(outcomes), len(self.jobs))
        return outcomes

    def _outcomes(self) -> Iterator[BatchOutcome]:
        if not self.jobs:
            return
        for job in self.jobs:
            job.out.parent.mkdir(parents=True, exist_ok=True)
        # "spawn": a fork of a process running Qt's threads is not safe.
        pool = ProcessPoolExecutor(self.workers, mp_context=get_context("spawn"), initializer=_ignore_interrupt)
        try:
            pending: set[Future[BatchOutcome]] = {pool.submit(run_job, job) for job in self.jobs}
            while pending:
                if self._cancel.is_set():
                    for future in pending:
                        future.cancel()
                finished, pending = wait(pending, timeout=0.1, return_when=FIRST_COMPLETED)
                for future in finished:
                    if not future.cancelled():
                        yield future.result()
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
