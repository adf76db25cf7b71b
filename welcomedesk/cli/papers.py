"""Commands that print papers: ``packet`` for one person, ``packets`` for a group arrival."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TextIO

from welcomedesk.cli.console import line
from welcomedesk.cli.language import _
from welcomedesk.cli.parsing import Parser, whole_number
from welcomedesk.codes import PaperKind
from welcomedesk.config import DatabaseTarget
from welcomedesk.errors import EXIT_OK, EXIT_REFUSED, ValidationError
from welcomedesk.identity import parse_date
from welcomedesk.services.desk import command_line_desk
from welcomedesk.services.paper_batch import Batch
from welcomedesk.services.papers import PaperRequest


def _languages(text: str | None) -> tuple[str, ...]:
    """``--in ar+fi`` as language codes (checked when the paper is made)."""
    if text is None:
        return ()
    codes = tuple(part.strip() for part in text.split("+"))
    if not all(codes):
        raise ValidationError(_("Give the paper's languages as codes joined by +, such as ar+fi."), field="in")
    return codes


def add_commands(commands: argparse._SubParsersAction[Parser]) -> None:
    """``packet`` and ``packets``, with their options."""
    packet = commands.add_parser("packet", help=_("print one newcomer's welcome packet to a PDF file"))
    packet.add_argument("person_id", type=whole_number, metavar="PERSON_ID")
    packet.add_argument("--in", dest="paper_languages", metavar="L[+L2]",
                        help=_("the paper's language, or two joined by + (default: the person's own)"))
    packet.add_argument("--out", required=True, metavar="FILE.pdf")
    packet.add_argument("--with-identity-code", action="store_true",
                        help=_("print the personal identity code (left out unless asked)"))
    packet.set_defaults(run=packet_file)
    packets = commands.add_parser("packets", help=_("print the packets of everyone arriving in a period"))
    packets.add_argument("--arrived-from", required=True, metavar="D")
    packets.add_argument("--arrived-to", required=True, metavar="D")
    packets.add_argument("--out-dir", required=True, metavar="DIR")
    packets.add_argument("--in", dest="paper_languages", metavar="L[+L2]",
                         help=_("the papers' language, or two joined by + (default: each person's own)"))
    packets.set_defaults(run=packet_files)


def packet_file(target: DatabaseTarget, args: argparse.Namespace, out: TextIO) -> int:
    request = PaperRequest(PaperKind.PACKET, args.person_id, _languages(args.paper_languages),
                           with_identity_code=args.with_identity_code)
    with command_line_desk(target) as desk:
        made = desk.save_paper(request, Path(args.out))
    paper = made.paper
    line(out, _("Wrote the packet ({languages}, {pages} pages) to {file}.").format(
        languages=paper.language_tag, pages=paper.pages, file=args.out))
    for language in paper.fell_back:
        line(out, _("Some texts are in English: they are not yet written in {language}.").format(language=language))
    return EXIT_OK


def _day(text: str, field: str) -> date:
    return parse_date(text, field=field)


def packet_files(target: DatabaseTarget, args: argparse.Namespace, out: TextIO) -> int:
    arrived_from = _day(args.arrived_from, "arrived_from")
    arrived_to = _day(args.arrived_to, "arrived_to")
    with command_line_desk(target) as desk:
        jobs = desk.plan_packets(arrived_from, arrived_to, Path(args.out_dir), _languages(args.paper_languages))
    outcomes = Batch(jobs).run()
    refused = 0
    for outcome in sorted(outcomes, key=lambda o: o.person_id):
        if outcome.out is None:
            refused += 1
            for reason in outcome.reasons:
                line(out, _("Number {id}: {reason}").format(id=outcome.person_id, reason=_(reason)))
    line(out, _("Wrote {count} packets to {folder}.").format(count=len(outcomes) - refused, folder=args.out_dir))
    return EXIT_REFUSED if refused else EXIT_OK
