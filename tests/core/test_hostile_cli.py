"""Every command over hostile arguments and damaged files: a message and an exit code, never a bug."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from tests import damage
from welcomedesk.bug_log import log_path
from welcomedesk.cli import main

COMMANDS = (
    ("init",),
    ("demo", "--households", "2"),
    ("list",),
    ("list", "--json"),
    ("list", "--search", "ab"),
    ("show", "1"),
    ("show", "3", "--json"),
    ("import", "{list}"),
    ("import", "{list}", "--dry-run"),
)
LIST = "household;given_names;family_name;date_of_birth\nA;Maria;Santos;1.2.1990\nA;Jose;Santos;\n"
# What each state must give: refused (3) or readable (0).
REFUSED = {"garbage", "truncated", "foreign", "foreign alembic", "foreign application", "newer", "unversioned",
           "incomplete", "directory"}


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["--lang", "en", *args], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def states(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("states")
    return {name: make(folder / f"{name.replace(' ', '-')}.sqlite3") for name, make in damage.STATES.items()}


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return damage.welcomedesk_file(tmp_path_factory.mktemp("good") / "desk.sqlite3", households=30)


def _copy(source: Path, folder: Path) -> Path:
    target = folder / source.name
    if source.is_dir():
        target.mkdir()
    else:
        shutil.copyfile(source, target)
    return target


def _no_bug(code: int, err: str) -> None:
    assert code != 4, err
    assert "Traceback" not in err
    assert not log_path().exists(), log_path().read_text(encoding="utf-8")


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
@pytest.mark.parametrize("state", sorted(damage.STATES))
def test_every_command_on_every_damaged_file(states: dict[str, Path], state: str, command: tuple[str, ...],
                                             tmp_path: Path) -> None:
    path = _copy(states[state], tmp_path)
    before = path.read_bytes() if path.is_file() else None
    listed = tmp_path.parent / f"{tmp_path.name}-list.csv"  # beside, not in, the folder that must stay as it was
    listed.write_text(LIST, encoding="utf-8")
    code, out, err = run("--db", str(path), *(arg.replace("{list}", str(listed)) for arg in command))
    _no_bug(code, err)
    if state in REFUSED:
        assert code == 3 and out == "" and err.strip()
        # A refused file is left byte for byte as it was, with nothing made beside it.
        assert (path.read_bytes() if path.is_file() else None) == before
        assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]
        return
    if state == "damaged page":
        # Reading the broken index fails as "damaged"; a bulk write is refused before it starts.
        assert code in (0, 3) and (code == 0 or "damaged" in err)
        if command[0] in ("demo", "import") and "--dry-run" not in command:
            assert code == 3 and "damaged" in err
        return
    if state == "empty file":
        assert code == (0 if command[0] == "init" else 3)
        return
    assert code in (0, 1), err  # unreadable values: each shows as unreadable, and the rest reads
    if code == 0 and "--json" in command:
        json.loads(out)


def test_unreadable_values_show_as_unreadable_and_the_rest_reads(states: dict[str, Path], tmp_path: Path) -> None:
    path = _copy(states["unreadable values"], tmp_path)
    code, out, err = run("--db", str(path), "list", "--limit", "1000", "--json")
    _no_bug(code, err)
    rows = {row["id"]: row for row in json.loads(out)}
    assert len(rows) > 30
    assert rows[1]["date_of_birth"] is None and rows[1]["unreadable"] == ["date_of_birth"]
    assert rows[2]["arrival_date"] is None and "arrival_date" in rows[2]["unreadable"]
    assert rows[3]["given_names"] == "A\ufffdB"  # broken encoding: the bad byte, not the whole list
    assert rows[4]["family_name"] == "AB"  # a blob where text belongs
    assert "unreadable" not in rows[6]
    code, out, err = run("--db", str(path), "show", "1")
    assert code == 0 and "Date of birth: (unreadable)" in out and "15.4.1987" not in out + err
    code, out, err = run("--db", str(path), "show", "5", "--json")
    assert code == 0 and json.loads(out)["unreadable"] == ["permit_expiry"]
    # The household members' rows read too.
    code, out, err = run("--db", str(path), "show", "2")
    assert code == 0 and "(unreadable)" in out


HOSTILE = [
    ("show", "9223372036854775808"),
    ("show", "99999999999999999999999"),
    ("show", "2147483648"),
    ("show", "-1"),
    ("show", "0"),
    ("show", "١٢"),
    ("show", "1_0"),
    ("show", "1e3"),
    ("show", ""),
    ("show",),
    ("list", "--search=--"),
    ("list", "--search", "--"),
    ("list", "--search", "\udcff\udcfe"),
    ("list", "--search", "\udced\udca0\udc80"),
    ("list", "--search", "\U0010ffff"),
    ("list", "--search", "a\U0010ffff\U0010ffff"),
    ("list", "--search", "\ud7ff"),
    ("list", "--search", "a\x00b"),
    ("list", "--search", "\u202eevil"),
    ("list", "--search", "x" * 100_000),
    ("list", "--search", " ".join(["ab"] * 5000)),
    ("list", "--search", "%_'\";--\\"),
    ("list", "--search", '=HYPERLINK("http://x")'),
    ("list", "--search", "<b>&amp;</b>"),
    ("list", "--search", "🌸👨‍👩‍👧"),
    ("list", "--search", "010190-123A"),
    ("list", "--search", "010190-123B"),
    ("list", "--limit", "0"),
    ("list", "--limit", "-5"),
    ("list", "--limit", "1001"),
    ("list", "--limit", "99999999999999999999"),
    ("list", "--limit", "x"),
    ("list", "--limit", "٥"),
    ("list", "--json", "--json"),
    ("demo", "--households", "0"),
    ("demo", "--households", "-1"),
    ("demo", "--households", "99999999999999"),
    ("demo", "--households", "1", "--seed", "-1"),
    ("demo", "--households", "1", "--seed", "999999999999999999999999999999"),
    ("import",),
    ("import", "/nonexistent/list.csv"),
    ("import", "/proc/self/status"),
    ("import", "/dev/null"),
    ("import", "/"),
    ("import", "\udcff.csv"),
    ("import", "list.pdf"),
    ("--lang", "xx", "list"),
    ("--lang", "\udcff", "list"),
    ("frobnicate",),
    ("--help",),
    ("list", "--help"),
]


@pytest.mark.parametrize("args", HOSTILE, ids=repr)
def test_hostile_arguments_get_a_message_never_a_bug(good: Path, tmp_path: Path, args: tuple[str, ...]) -> None:
    path = _copy(good, tmp_path)
    code, out, err = run("--db", str(path), *args)
    _no_bug(code, err)
    assert code in (0, 1, 2)
    assert code == 0 or err.strip()
    if "--json" in args and code == 0:
        json.loads(out)


@pytest.mark.parametrize("db", ["\x00", "a\x00b.sqlite3", "\udcff.sqlite3", "ftp://server/x",
                                "postgresql://us\udcffer@localhost/db", "x" * 5000, "/proc/self/status",
                                "/dev/null", "sqlite:///"])
@pytest.mark.parametrize("command", [("list",), ("init",), ("show", "1")], ids=" ".join)
def test_hostile_database_addresses(db: str, command: tuple[str, ...]) -> None:
    code, out, err = run("--db", db, *command)
    _no_bug(code, err)
    assert code in (2, 3) and out == "" and err.strip()


def test_the_messages_quote_hostile_text_escaped(good: Path) -> None:
    code, _, err = run("--db", str(good), "--lang", "\x1b[31m", "list")
    assert code == 2 and "\x1b" not in err and "\\x1b[31m" in err
