"""The desktop app's current language: kept by the UI itself, as the core keeps none.

Pages translate with ``_()`` from here, and hear about a switch through the hub.
"""

from __future__ import annotations

from welcomedesk.i18n import CurrentLanguage

_current = CurrentLanguage()
set_language = _current.set
current_language = _current.current
words = _current.translator
_ = _current.translate
ngettext = _current.ngettext
on_language_changed = _current.listen
remove_listener = _current.forget
