"""The region summary's PDF report: who, when, every table by name, hidden cells as "..", pages numbered."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader

from tests.core.region_factory import SECRETS, empty_summary, plain_labels, small_summary
from welcomedesk.exports import charts
from welcomedesk.exports.pdf_report import report_pdf
from welcomedesk.exports.report_labels import TEXT_KEYS
from welcomedesk.exports.summary import Cell, Mark
from welcomedesk.i18n import translator
from welcomedesk.presentation.region_report import TEXTS, region_labels


def _text(pdf: bytes) -> tuple[PdfReader, list[str]]:
    reader = PdfReader(io.BytesIO(pdf))
    return reader, [page.extract_text() for page in reader.pages]


def test_the_report_names_the_municipality_the_period_and_every_table() -> None:
    summary = small_summary()
    reader, pages = _text(report_pdf(summary, plain_labels(), "en"))
    text = "\n".join(pages)
    assert "Kajaani" in pages[0] and "01.01.2025–31.12.2025" in pages[0]
    assert "Smallest count shown" in pages[0] and "Counts under 5 are hidden." in pages[0]
    for table in summary.tables:
        assert f"Table {table.code}" in text
    assert "Medians per step" in text and "30.5" in text
    metadata = reader.metadata
    assert metadata is not None and metadata.title == "Region summary — Kajaani" and metadata.author == "Kajaani"
    assert reader.trailer["/Root"]["/Lang"] == "en"


def test_hidden_cells_print_as_dots_with_the_legend_and_their_values_never() -> None:
    _reader, pages = _text(report_pdf(small_summary(), plain_labels(), "en"))
    text = "\n".join(pages)
    assert "Hidden: a small count, or one that would tell a small count" in pages[0]
    assert "The whole row is hidden" in pages[0]
    arrivals = text[text.index("Table arrivals_by_role"):text.index("Table arrivals_by_age_band")]
    assert re.search(r"spouse\s+22\s+\.\.\s", arrivals)
    assert re.search(r"other\s+\.\.\.\s+\.\.\.\s+\.\.\.", arrivals)
    for secret in SECRETS:
        assert str(secret) not in text


def test_the_pages_are_numbered_x_of_y() -> None:
    _reader, pages = _text(report_pdf(small_summary(), plain_labels(), "en"))
    assert len(pages) >= 2
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text


def test_the_same_summary_gives_the_same_bytes() -> None:
    assert report_pdf(small_summary(), plain_labels(), "en") == report_pdf(small_summary(), plain_labels(), "en")


def test_an_empty_period_prints_zeros_and_says_there_is_nothing_to_show() -> None:
    _reader, pages = _text(report_pdf(empty_summary(), plain_labels(), "en"))
    text = "\n".join(pages)
    assert "Nothing to show." in text and re.search(r"Total\s+0", text)


def test_the_charts_leave_hidden_values_out_and_share_only_exact_counts() -> None:
    summary = small_summary()
    arrivals = charts.arrivals(summary)
    assert arrivals.categories == ("2025H1", "2025H2") and [s.key for s in arrivals.series][:2] == ["main", "spouse"]
    assert arrivals.series[1].values == (22.0, None) and arrivals.hidden
    retention = charts.retention(summary)
    assert retention.series[0].values[0] == 100 * 60 / 90 and retention.series[0].values[-1] == 0
    assert retention.series[1].values == (None,) * 6  # no share over a hidden total
    bottlenecks = charts.bottlenecks(summary)
    assert bottlenecks.categories == ("kela_benefits", "bank_account", "register_dvv")
    assert charts.steps(empty_summary()).empty


def test_the_finnish_words_of_a_report() -> None:
    assert set(TEXTS) == set(TEXT_KEYS)
    labels = region_labels(translator("fi"))
    assert labels.column("arrivals_by_role", "2026H1") == "tammi–kesä 2026"
    assert labels.column("steps_in_time", "in_time") == "Tehty ajallaan"
    assert labels.cell(Cell(1234)) == "1\xa0234" and labels.number(11.5) == "11,5"
    assert labels.cell(Cell(None, Mark.SUPPRESSED)) == ".." and labels.cell(Cell(None, Mark.ROW)) == "..*"
    assert labels.cell(Cell(None, Mark.INCOMPLETE, at_least=1234)) == "≥ 1\xa0234"
    assert labels.date("2025-01-31") == "31.1.2025" and labels.date("2026-11") == "marraskuu 2026"
    assert labels.text("page_of", page=2, pages=7) == "Sivu 2/7"
    assert labels.mark(Mark.ROW).startswith("Piilotettu koko rivin kanssa")


def test_a_finnish_report_of_a_summary() -> None:
    _reader, pages = _text(report_pdf(small_summary(), region_labels(translator("fi")), "fi"))
    text = "\n".join(pages)
    assert "Alueellinen yhteenveto" in pages[0] and "1.1.2025–31.12.2025" in pages[0]
    assert "Saapuneet roolin mukaan kotitaloudessa" in text and "Sivu 1/" in pages[0]


def test_the_arrivals_chart_draws_a_role_split_further_as_one() -> None:
    from tests.core.region_factory import HALVES, table
    from welcomedesk.exports.summary import Summary

    split = table("arrivals_by_role", ("main", "spouse:working", "spouse:seeking", "child"), HALVES,
                  [[40, 30], [6, 2], [7, 9], [20, 25]], {(1, 1): Mark.SUPPRESSED, (2, 1): Mark.SUPPRESSED})
    # The factory hides the second half's total with its hidden cells: published, the spouses are 11 there.
    split = type(split)(**{**split.__dict__, "column_totals": (Cell(73), Cell(66))})
    summary = Summary((("205", "Kajaani"),), "2025-01-01", "2025-12-31", 5, "2026-11", (split,))
    chart = charts.arrivals(summary)
    assert [(s.key, s.values) for s in chart.series] == [
        ("main", (40.0, 30.0)), ("spouse", (13.0, 11.0)), ("child", (20.0, 25.0))]
