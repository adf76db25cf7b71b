"""The look: calm and plain, one accent colour, generous spacing, focus always visible."""

from __future__ import annotations

from welcomedesk.codes import Status

ACCENT = "#1f5c99"
ACCENT_DARK = "#164a7d"
SURFACE = "#f5f7fa"
BORDER = "#c9d2dc"
TEXT = "#1d2733"
MUTED = "#56616e"
ERROR = "#a11d1d"
READY = "#1e6b34"
WARNING_SURFACE, WARNING_BORDER = "#fff4e5", "#e0a040"

# Status colours are always shown beside the status in words.
STATUS_COLOURS: dict[Status, str] = {
    Status.EXPECTED: "#8a5a00",
    Status.ARRIVED: "#1b6e3a",
    Status.SETTLED: "#1b6e3a",
    Status.MOVED_REGION: "#56616e",
    Status.MOVED: "#56616e",
    Status.LEFT: "#56616e",
    Status.LOST: ERROR,
}


def status_colour(status: object) -> str:
    """The colour of ``status``; the text colour for a value that cannot be read."""
    return STATUS_COLOURS[status] if isinstance(status, Status) else TEXT

def stylesheet(base_pt: float) -> str:
    """The app's style sheet; headings are sized from the text size, so 150 % text scales them too."""
    return _STYLESHEET.replace("@title", f"{base_pt * 1.9:.1f}pt").replace(
        "@app", f"{base_pt * 1.65:.1f}pt").replace("@section", f"{base_pt * 1.3:.1f}pt")


_STYLESHEET = f"""
QWidget {{ color: {TEXT}; }}
QMainWindow, QDialog {{ background: white; }}
#navigation {{ background: {SURFACE}; border: none; border-right: 1px solid {BORDER}; }}
#navigation QListWidget {{ background: transparent; border: none; outline: 0; }}
#navigation QListWidget::item {{ padding: 10px 14px; border-radius: 4px; margin: 2px 8px; }}
#navigation QListWidget::item:selected {{ background: {ACCENT}; color: white; }}
#navigation QListWidget::item:hover:!selected {{ background: #e3e9f0; }}
#wizardSteps {{ background: {SURFACE}; border: none; outline: 0; }}
#wizardSteps::item {{ padding: 8px 12px; border-radius: 4px; margin: 2px 4px; }}
#wizardSteps::item:selected {{ background: {ACCENT}; color: white; }}
[invalid="true"] {{ border: 1px solid {ERROR}; }}
#missing {{ color: {ERROR}; }}
#missing[ready="true"] {{ color: {READY}; }}
#noteWarning {{ background: {WARNING_SURFACE}; border: 1px solid {WARNING_BORDER}; border-radius: 4px;
    padding: 6px 10px; }}
#duplicateBanner {{ background: {WARNING_SURFACE}; border: 1px solid {WARNING_BORDER}; border-radius: 4px; }}
#appTitle {{ font-size: @app; font-weight: 600; color: {ACCENT_DARK}; padding: 16px 16px 2px 16px; }}
#servicePoint {{ color: {MUTED}; padding: 0 16px 12px 16px; }}
#pageTitle {{ font-size: @title; font-weight: 600; }}
#pageSubtitle, #muted {{ color: {MUTED}; }}
#sectionTitle {{ font-size: @section; font-weight: 600; margin-top: 8px; }}
QLineEdit, QComboBox, QDateEdit {{ border: 1px solid {BORDER}; border-radius: 4px; padding: 5px 8px;
    background: white; min-height: 20px; }}
QLineEdit:focus, QComboBox:focus, QDateEdit:focus, QTableView:focus, QListWidget:focus {{
    border: 2px solid {ACCENT}; }}
QPushButton {{ border: 1px solid {BORDER}; border-radius: 4px; padding: 6px 14px; background: white; }}
QPushButton:hover {{ background: {SURFACE}; }}
QPushButton:focus {{ border: 2px solid {ACCENT}; }}
QPushButton[primary="true"] {{ background: {ACCENT}; color: white; border-color: {ACCENT}; font-weight: 600; }}
QPushButton[primary="true"]:hover {{ background: {ACCENT_DARK}; }}
QPushButton:disabled {{ color: #8a949f; background: {SURFACE}; }}
QLineEdit:disabled, QComboBox:disabled, QDateEdit:disabled {{ color: #8a949f; background: {SURFACE}; }}
QPushButton[primary="true"]:disabled {{ background: {BORDER}; border-color: {BORDER}; color: white; }}
QTableView {{ border: 1px solid {BORDER}; border-radius: 4px; gridline-color: #e6eaef;
    alternate-background-color: #f8fafc; selection-background-color: #d6e4f2; selection-color: {TEXT}; }}
QHeaderView::section {{ background: {SURFACE}; border: none; border-bottom: 1px solid {BORDER};
    padding: 6px 8px; font-weight: 600; }}
QStatusBar {{ background: {SURFACE}; border-top: 1px solid {BORDER}; color: {MUTED}; }}
QStatusBar QLabel {{ padding: 0 8px; }}
#detailLabel {{ color: {MUTED}; }}
#municipalityList::item {{ padding: 4px 2px; }}
#pageContent, QScrollArea {{ background: white; }}
#card {{ border: 1px solid {BORDER}; border-radius: 6px; background: white; }}
/* -- Home page (ui/pages/home.py): its lists sit inside cards, so no frame of their own until focused -- */
#homePage {{ background: white; }}
QTableView[todayList="true"] {{ border: 2px solid transparent; border-radius: 4px; outline: 0; background: white; }}
QTableView[todayList="true"]:focus {{ border: 2px solid {ACCENT}; }}
QTableView[todayList="true"]::item {{ padding: 5px 2px; border-bottom: 1px solid #e6eaef; }}
QTableView[todayList="true"]::item:selected {{ background: #d6e4f2; color: {TEXT}; }}
"""

# --- partner network (ui/pages/network.py): a recruiter's commitment, kept or missing ---
_STYLESHEET += f"""
#networkPage QLabel[warning="true"] {{ background: {WARNING_SURFACE};
    border: 1px solid {WARNING_BORDER}; border-radius: 4px; padding: 6px 10px; }}
#networkPage QLabel[warning="false"] {{ color: {READY}; }}
"""
# --- end of partner network ---

# --- settings (ui/pages/settings.py): the opening hours framed like a line, the logo's preview ---
_STYLESHEET += f"""
#settingsPage QPlainTextEdit {{ border: 1px solid {BORDER}; border-radius: 4px; padding: 3px 4px; background: white; }}
#settingsPage QPlainTextEdit:focus {{ border: 2px solid {ACCENT}; }}
#settingsPage QPlainTextEdit[readOnly="true"], #settingsPage QLineEdit[readOnly="true"] {{ background: {SURFACE}; }}
#logoPreview {{ border: 1px solid {BORDER}; border-radius: 4px; background: white; color: {MUTED}; }}
"""
# --- end of settings ---
