"""The composition root: hands the GUI launcher to the command line.

Importing this module imports no Qt, so ``welcomedesk list`` stays a Qt-free command.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from welcomedesk.config import DatabaseTarget
from welcomedesk.errors import EXIT_INTERRUPTED, UsageError


def launch_gui(target: DatabaseTarget, language: str) -> int:
    """Open the desktop app on ``target`` in ``language``; returns the exit code."""
    from ui.display import display_problem

    problem = display_problem()
    if problem is not None:
        raise UsageError(problem)
    from ui.startup import run

    return run(target, language)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``welcomedesk`` and ``python main.py``."""
    try:
        from welcomedesk.cli import main as cli_main

        return cli_main(sys.argv[1:] if argv is None else argv, gui=launch_gui)
    except KeyboardInterrupt:  # Ctrl+C before the command line took over: nothing had begun
        return EXIT_INTERRUPTED
