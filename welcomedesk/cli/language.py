"""The command line's language: set once per command from ``--lang``, ``WELCOMEDESK_LANG`` or the default.

The core keeps no current language; the command line keeps its own here, and translates the
core's messages into it where it prints them.
"""

from __future__ import annotations

from welcomedesk.i18n import CurrentLanguage

_current = CurrentLanguage()
set_language = _current.set
current_language = _current.current
words = _current.translator
_ = _current.translate
