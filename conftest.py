"""Test set-up shared by every test: offscreen Qt, a temp data folder, English messages."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("HYPOTHESIS_PROFILE", "ci")
