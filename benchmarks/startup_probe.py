"""Started as its own process by run.py: time from process start until the Home page's rows
are first painted (or, with --bare, a bare PySide6 window), and the resident memory then.

Prints one JSON line: {"painted_at": unix time, "rss_mb": ...}.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    bare = "--bare" in sys.argv
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
            if event.type() == QEvent.Type.Paint and not getattr(self, "seen", False):
                self.seen = True
                painted = time.time()
                QTimer.singleShot(0, lambda: (print(json.dumps({"painted_at": painted, "rss_mb": rss_mb()})),
                                              QApplication.quit()))
            return False

    watcher = FirstPaint()
    if bare:
        app = QApplication(sys.argv[:1])
        window = QMainWindow()
        window.resize(1280, 720)
        window.installEventFilter(watcher)
        window.show()
        app.exec()
        return

    from ui import language
    from ui.hub import Hub
    from ui.main_window import MainWindow
    from ui.startup import application, ensure_profile
    from welcomedesk.config import resolve_database
    from welcomedesk.services.desk import open_desk

    app = application()
    language.set_language("fi")
    desk = open_desk(resolve_database(sys.argv[1]), "bench")
    profile = ensure_profile(desk)
    assert profile is not None
    window = MainWindow(desk, profile, Hub())
    # The first page is Today: its first list's rows.
    next(iter(window.home.lists().values())).viewport().installEventFilter(watcher)
    window.resize(1366, 740)
    window.show()
    app.exec()
    desk.close()


if __name__ == "__main__":
    main()
