"""Where the bundled resources (content, fonts, translations) live.

From a source checkout they are the top-level ``resources/`` folder; an installed wheel
carries the same folder inside the package as ``welcomedesk/_resources``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def resource_root() -> Path:
    """The folder holding content/, fonts/, i18n/ and icons/."""
    here = Path(__file__).resolve().parent
    installed = here / "_resources"
    if installed.is_dir():
        return installed
    return here.parent / "resources"


def resource_path(*parts: str) -> Path:
    """A path below the resource root."""
    return resource_root().joinpath(*parts)
