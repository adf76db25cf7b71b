"""Commands for the region: ``export-region`` writes this service point's anonymous summary of a period,
``merge-region`` combines municipalities' JSON summaries into the region's, opening no database."""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from welcomedesk.cli.console import line
from welcomedesk.cli.language import _, current_language, words
from welcomedesk.cli.parsing import Parser, whole_number
from welcomedesk.config import DatabaseTarget
from welcomedesk.errors import EXIT_OK, Problem, StorageError, ValidationError
from welcomedesk.exports.json_format import from_json, to_json
from welcomedesk.exports.merge import merge
from welcomedesk.exports.summary import Summary
from welcomedesk.files import save_file
from welcomedesk.i18n import N_, Message
from welcomedesk.identity import format_date, parse_date
from welcomedesk.presentation.region import ServiceNames, row_label
from welcomedesk.presentation.region_report import region_labels
from welcomedesk.services.desk import command_line_desk

FORMATS = ("csv", "xlsx", "json", "pdf")
# A summary file larger than this is not a summary.
MAX_SUMMARY_BYTES = 20_000_000
IN_FILE = N_("{file}: {reason}")


def add_commands(commands: argparse._SubParsersAction[Parser]) -> None:
    """``export-region`` and ``merge-region``, with their options."""
    export = commands.add_parser("export-region", help=_("write the anonymous summary of a period for the region"))
    export.add_argument("--from", dest="period_from", required=True, metavar="D")
    export.add_argument("--to", dest="period_to", required=True, metavar="D")
    export.add_argument("--format", required=True, choices=FORMATS)
    export.add_argument("--out", required=True, metavar="FILE")
    export.add_argument("--threshold", type=whole_number, metavar="N",
                        help=_("the smallest count shown, at least 3 (default: the one set for this database)"))
    export.set_defaults(run=export_region)
    merged = commands.add_parser("merge-region", help=_("combine municipalities' JSON summaries for the region "
                                                        "(opens no database)"))
    merged.add_argument("files", nargs="+", metavar="FILE.json")
    merged.add_argument("--out", required=True, metavar="FILE")
    merged.set_defaults(run=merge_region)


def export_region(target: DatabaseTarget, args: argparse.Namespace, out: TextIO) -> int:
    period_from = parse_date(args.period_from, field="from")
    period_to = parse_date(args.period_to, field="to")
    with command_line_desk(target) as desk:
        summary = desk.region_summary(period_from, period_to, args.threshold)
        # The first steps are named as this database's catalogue names them.
        services = {s.code: s.name for s in desk.catalogue()[0].services}
    _write(Path(args.out), _encoded(summary, args.format, services))
    line(out, _("Wrote the region summary of {start}–{end} ({format}) to {file}; counts under {threshold} are "
                "hidden.").format(start=format_date(period_from), end=format_date(period_to), format=args.format,
                                  file=args.out, threshold=summary.threshold))
    return EXIT_OK


def _encoded(summary: Summary, kind: str, services: ServiceNames | None = None) -> bytes:
    """The summary as the bytes of a file of ``kind``, its words in the command line's language."""
    if kind == "json":
        return to_json(summary).encode("utf-8")
    language = words()
    labels = region_labels(language)
    if services is not None:
        labels = replace(labels, row=lambda table, row: row_label(table, row, language, services))
    if kind == "csv":
        from welcomedesk.exports.csv_format import to_csv

        return to_csv(summary, labels, language)
    if kind == "xlsx":
        from welcomedesk.exports.xlsx_format import to_xlsx

        return to_xlsx(summary, labels, language)
    from welcomedesk.exports.pdf_report import report_pdf

    return report_pdf(summary, labels, current_language())


def _write(path: Path, data: bytes) -> None:
    save_file(path, data)


def _read(path: Path) -> Summary:
    """One municipality's summary file; refused with the file's name and every reason."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_SUMMARY_BYTES + 1)
    except OSError as exc:
        raise StorageError(_("Cannot read {path}: {reason}").format(path=path, reason=exc.strerror or exc)) from exc
    try:
        if len(data) > MAX_SUMMARY_BYTES:
            raise ValidationError(_("The file is too large to be a region summary."), field="file")
        return from_json(data)
    except ValidationError as exc:
        raise ValidationError.of(Problem(p.field, Message(IN_FILE, {"file": str(path), "reason": p.message}))
                                 for p in exc.problems) from exc


def merge_region(_target: DatabaseTarget, args: argparse.Namespace, out: TextIO) -> int:
    # No database is opened (nor made) here: the region merges files only.
    summaries = [_read(Path(name)) for name in args.files]
    merged = merge(summaries)
    _write(Path(args.out), to_json(merged).encode("utf-8"))
    line(out, _("Merged {count} summaries ({names}) into {file}.").format(
        count=len(summaries), names=", ".join(name for _code, name in merged.municipalities), file=args.out))
    return EXIT_OK
