"""Is there a screen the desktop app can open on? Asked before Qt starts, because Qt aborts the
whole process (a core dump, exit 134) when it finds none or lacks a system library.

This module imports no Qt: it looks at the environment, the display's socket and the platform
plugin's libraries only.
"""

from __future__ import annotations

import contextlib
import ctypes
import importlib.util
import os
import socket
import sys
from collections.abc import Mapping
from pathlib import Path

from welcomedesk.i18n import _

# Qt platforms that draw without a display server.
_NO_SCREEN_NEEDED = frozenset({"offscreen", "minimal", "minimalegl", "vnc", "eglfs", "linuxfb", "vkkhrdisplay"})
X11_SOCKETS = Path("/tmp/.X11-unix")


def _reachable_unix(path: str) -> bool:
    with contextlib.closing(socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)) as probe:
        probe.settimeout(2)
        try:
            probe.connect(path)
        except OSError:
            return False
        return True


def x11_reachable(display: str, sockets: Path = X11_SOCKETS) -> bool:
    """Whether the X server named by ``display`` (":0", "unix:1", "host:10.0") takes connections."""
    host, _colon, rest = display.rpartition(":")
    number = rest.split(".")[0]
    if not number.isdigit():
        return False
    if host in ("", "unix"):
        path = str(sockets / f"X{number}")
        # Xorg and Xvfb listen on the file and, on Linux, on an abstract socket of the same name.
        return _reachable_unix(path) or (sys.platform.startswith("linux") and _reachable_unix("\0" + path))
    try:
        with socket.create_connection((host, 6000 + int(number)), timeout=2):
            return True
    except OSError:
        return False


def _wayland_reachable(environ: Mapping[str, str]) -> bool:
    name = environ.get("WAYLAND_DISPLAY", "")
    if not name:
        return False
    path = Path(name) if os.path.isabs(name) else Path(environ.get("XDG_RUNTIME_DIR", "/nonexistent")) / name
    return _reachable_unix(str(path))


def _missing_xcb_library() -> str | None:
    """The system library Qt's X11 plugin cannot find, or None when it loads."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    plugin = Path(next(iter(spec.submodule_search_locations))) / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    if not plugin.exists():
        return None
    try:
        ctypes.CDLL(str(plugin))  # the same load Qt does next; it names what is missing
    except OSError as exc:
        return str(exc).split(":")[0].strip() or "?"
    return None


def display_problem(environ: Mapping[str, str] | None = None, platform: str | None = None) -> str | None:
    """Why the desktop app cannot open here (translated), or None when it can."""
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if not platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return None  # Windows and macOS always have their own platform
    wanted = [name.split(":")[0].strip() for name in environ.get("QT_QPA_PLATFORM", "").split(";") if name.strip()]
    if any(name in _NO_SCREEN_NEEDED for name in wanted):
        return None
    if (not wanted or "wayland" in wanted) and _wayland_reachable(environ):
        return None
    display = environ.get("DISPLAY", "")
    if (not wanted or "xcb" in wanted) and display and x11_reachable(display):
        library = _missing_xcb_library()
        if library is None:
            return None
        return _("The desktop app cannot start: Qt needs the system library {library}, which is not installed "
                 "(the README lists the system packages). The commands work without it: welcomedesk --help"
                 ).format(library=library)
    return _("The desktop app needs a display, and none was found here (DISPLAY or WAYLAND_DISPLAY is not set, or "
             "nothing answers there). The commands work without one: welcomedesk --help")
