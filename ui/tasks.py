"""The one background-work helper: run a function off the GUI thread, results back on it.

    run_task(work, on_done=..., on_error=..., on_progress=...)

``work(progress)`` gets a Progress: ``progress.report(done, total)`` and
``progress.cancelled``. Tests call ``set_synchronous(True)`` to run work inline.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

_synchronous = False
_running: set[Task] = set()


def set_synchronous(value: bool) -> None:
    """Run every later task inline on the calling thread (tests)."""
    global _synchronous
    _synchronous = value


class Progress:
    """What the work sees: where to report progress and whether it was cancelled."""

    def __init__(self, report: Callable[[int, int], None]) -> None:
        self._report = report
        self._cancel = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def report(self, done: int, total: int) -> None:
        self._report(done, total)


class Task(QObject):
    """A running piece of work; its signals arrive on the GUI thread."""

    done = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int)

    def __init__(self) -> None:
        super().__init__()
        self.progress = Progress(self.progressed.emit)

    def cancel(self) -> None:
        self.progress.cancel()


class _Runnable(QRunnable):
    def __init__(self, task: Task, work: Callable[[Progress], Any]) -> None:
        super().__init__()
        self.task = task
        self.work = work

    def run(self) -> None:
        try:
            result = self.work(self.task.progress)
        except BaseException as exc:  # handed to on_error on the GUI thread
            self.task.failed.emit(exc)
        else:
            self.task.done.emit(result)


def run_task(work: Callable[[Progress], Any], *, on_done: Callable[[Any], None],
             on_error: Callable[[BaseException], None],
             on_progress: Callable[[int, int], None] | None = None) -> Task:
    """Start ``work`` in the thread pool; ``on_done``/``on_error`` run on the GUI thread."""
    task = Task()
    _running.add(task)
    task.done.connect(on_done)
    task.failed.connect(on_error)
    if on_progress is not None:
        task.progressed.connect(on_progress)
    task.done.connect(lambda _result: _running.discard(task))
    task.failed.connect(lambda _exc: _running.discard(task))
    if _synchronous:
        _Runnable(task, work).run()
    else:
        QThreadPool.globalInstance().start(_Runnable(task, work))
    return task
