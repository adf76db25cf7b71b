"""The packet figures: one personalised packet to PDF, and a batch of 100 in processes with the GUI thread
watched for stalls while it runs.

The floor of one packet is a plain ReportLab document of the same texts and pages (no tables, no
QR codes, no right-to-left); the floor of the batch is one packet's time times 100 shared by both cores.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy import delete, select

from welcomedesk.actor import Actor
from welcomedesk.codes import PaperKind, Relation
from welcomedesk.db.session import Database, unit_of_work
from welcomedesk.model import PaperGiven, Person

BATCH = 100
Line = Callable[[str, str, str, str], None]


def _people(db: Database, count: int) -> list[int]:
    """Main persons with families, spread over the database."""
    with unit_of_work(db, None) as session:
        ids = session.scalars(select(Person.id).where(Person.relation == Relation.MAIN).order_by(Person.id)).all()
    step = max(1, len(ids) // count)
    return list(ids[::step][:count])


def _plain(pdf_pages: int, texts: list[str]) -> float:
    """A plain ReportLab document of the same texts, spread over the same number of pages (ms)."""
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    from welcomedesk.packet.fonts import register_fonts

    regular, _bold = register_fonts()
    style = ParagraphStyle("plain", fontName=regular, fontSize=10, leading=13)
    start = time.perf_counter()
    per_page = max(1, len(texts) // max(pdf_pages, 1))
    story = []
    for number, text in enumerate(texts):
        story.append(Paragraph(text.replace("&", "&amp;").replace("<", "&lt;"), style))
        if number and number % per_page == 0:
            story.append(PageBreak())
    SimpleDocTemplate(io.BytesIO(), pagesize=A4, invariant=1).build(story)
    return (time.perf_counter() - start) * 1000


def one_packet(db: Database, actor: Actor, runs: int, line: Line) -> float:
    from welcomedesk.packet.content import packet_document
    from welcomedesk.packet.papers import texts_of
    from welcomedesk.services import papers

    people = _people(db, 10)
    on = date(2026, 11, 23)
    for person in people[:2]:  # fonts, imports and caches: once per process, not per packet
        papers.make_paper(db, actor, papers.PaperRequest(PaperKind.PACKET, person, ("fi",)), on)
    times: dict[str, list[float]] = {"fi": [], "ar+fi": []}
    floors: list[float] = []
    pages: list[int] = []
    for _ in range(runs):
        for person in people:
            for tag in times:
                request = papers.PaperRequest(PaperKind.PACKET, person, tuple(tag.split("+")))
                start = time.perf_counter()
                made = papers.make_paper(db, actor, request, on)
                times[tag].append((time.perf_counter() - start) * 1000)
                pages.append(made.paper.pages)
                if tag == "fi":
                    with unit_of_work(db, actor) as session:
                        values = papers.gather_packet(db, session, actor, session.get(Person, person), on)
                    document = packet_document(values, ("fi",))
                    floors.append(_plain(made.paper.pages, [t for t in texts_of(document) if t]))
    summary = ", ".join(f"{tag} median {statistics.median(t):.0f} ms, max {max(t):.0f} ms"
                        for tag, t in times.items())
    line(f"one personalised packet to PDF ({min(pages)}-{max(pages)} pages)", summary, "< 200 ms",
         f"a plain ReportLab document of the same texts: median {statistics.median(floors):.0f} ms")
    return statistics.median(times["fi"])


def batch(db: Database, actor: Actor, one: float, line: Line) -> None:
    """100 packets in a process pool, run as the packet dialog runs them, with the GUI thread's longest
    stall measured by a 10 ms timer."""
    import os

    from PySide6.QtCore import QCoreApplication, QElapsedTimer, QTimer

    from ui.tasks import run_task
    from welcomedesk.services.paper_batch import Batch, BatchJob
    from welcomedesk.services.papers import PaperRequest

    app = QCoreApplication.instance() or QCoreApplication([])
    people = _people(db, BATCH)
    with tempfile.TemporaryDirectory() as folder:
        jobs = [BatchJob(db.target, actor.account_id, PaperRequest(PaperKind.PACKET, person, ("fi",)),
                         Path(folder) / f"{person}-fi.pdf") for person in people]
        runner = Batch(jobs)
        clock = QElapsedTimer()
        stalls: list[int] = []
        last = [0]

        def tick() -> None:
            now = clock.elapsed()
            stalls.append(now - last[0])
            last[0] = now

        timer = QTimer()
        timer.setInterval(10)
        timer.timeout.connect(tick)
        finished: list[object] = []
        clock.start()
        timer.start()
        started = time.perf_counter()
        run_task(lambda progress: runner.run(), on_done=finished.append, on_error=finished.append)
        while not finished:
            app.processEvents()
            time.sleep(0.001)
        seconds = time.perf_counter() - started
        timer.stop()
        written = len(list(Path(folder).glob("*.pdf")))
    with unit_of_work(db, actor) as session:  # the benchmark's papers are not kept in the cached database
        session.execute(delete(PaperGiven).where(PaperGiven.person_id.in_(people)))
    workers = runner.workers
    line(f"{BATCH} packets in a batch ({written} written, {workers} processes)",
         f"{seconds:.1f} s, longest GUI stall {max(stalls) - 10 if stalls else 0} ms", "< 12 s, stall < 100 ms",
         f"one packet x {BATCH} / {os.cpu_count()} cores: {one * BATCH / 1000 / (os.cpu_count() or 1):.1f} s")
