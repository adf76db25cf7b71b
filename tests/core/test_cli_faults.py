"""The command-line cases of the faults issue, one by one: what each input gives now."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from tests import damage
from welcomedesk.cli import main


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["--lang", "en", *args], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(damage.welcomedesk_file(tmp_path_factory.mktemp("desk") / "desk.sqlite3", households=40))


@pytest.mark.parametrize("number", ["9223372036854775808", "99999999999999999999999", "2147483648", "-3", "0"])
def test_1_an_id_out_of_range_is_an_unknown_person(desk: str, number: str) -> None:
    code, out, err = run("--db", desk, "show", number)
    assert (code, out) == (1, "") and f"no newcomer with the number {number}" in err


@pytest.mark.parametrize("number", ["١٢", "1_0", " 5", "5.0", "0x10"])
def test_1_an_id_is_written_in_ascii_digits(desk: str, number: str) -> None:
    code, _, err = run("--db", desk, "show", number)
    assert code == 2 and "not a whole number" in err


def test_2_a_search_for_two_hyphens_searches_for_them(desk: str) -> None:
    everyone = run("--db", desk, "list", "--limit", "1000", "--json")
    code, out, err = run("--db", desk, "list", "--search=--", "--limit", "1000", "--json")
    # "--" holds no letters, so like an empty search it lists everyone.
    assert code == 0, err
    assert json.loads(out) == json.loads(everyone[1])
    # Apart from "=", "--" ends the options, and the search has no text: a usage message.
    code, out, err = run("--db", desk, "list", "--search", "--")
    assert code == 2 and "--search" in err and out == ""


@pytest.mark.parametrize("search", ["\udcff\udcfe", "\udced\udca0\udc80", "\U0010ffff", "\U0010ffff\U0010ffffx",
                                    "\ud7ff", "\uffff"])
def test_3_search_text_that_is_not_valid_unicode_or_at_its_edge(desk: str, search: str) -> None:
    code, out, err = run("--db", desk, "list", "--search", search, "--json")
    assert code == 0, err
    assert isinstance(json.loads(out), list)


def test_3_undecodable_bytes_are_ignored_and_the_rest_is_searched(desk: str) -> None:
    rows = json.loads(run("--db", desk, "list", "--limit", "1000", "--json")[1])
    family = rows[0]["family_name"]
    found = json.loads(run("--db", desk, "list", "--search", f"\udcff{family}\udcfe", "--json")[1])
    assert rows[0]["id"] in [r["id"] for r in found]


def test_9_demo_data_adds_to_what_is_there(tmp_path: Path) -> None:
    db = str(tmp_path / "desk.sqlite3")
    assert run("--db", db, "init")[0] == 0
    first = run("--db", db, "demo", "--households", "2000", "--seed", "11")
    second = run("--db", db, "demo", "--households", "2000", "--seed", "22")
    assert first[0] == 0 and second[0] == 0, second[2]
    counted = run("--db", db, "list", "--limit", "1")[1].strip().splitlines()[-1]
    people = sum(int(r[1].split()[5]) for r in (first, second))  # "Added 2000 demo households with N people."
    assert counted == f"1 of {people} newcomers"
    # The same seed again adds the same people once more (their codes kept unique).
    again = run("--db", db, "demo", "--households", "2000", "--seed", "11")
    assert again[0] == 0 and again[1] == first[1]


def test_9_a_negative_seed_is_a_seed_of_its_own(tmp_path: Path) -> None:
    names = {}
    for seed in ("1", "-1"):
        db = str(tmp_path / f"seed{seed}.sqlite3")
        assert run("--db", db, "init")[0] == 0
        assert run("--db", db, "demo", "--households", "20", "--seed", seed)[0] == 0
        names[seed] = [(r["given_names"], r["family_name"]) for r in
                       json.loads(run("--db", db, "list", "--limit", "1000", "--json")[1])]
    assert names["1"] != names["-1"]


HOSTILE_NAMES = {
    "given_names": "Evil\x1b[31mRed\x1b[0m",
    "family_name": "Rev\u202eersed",
    "occupation": "nurse\x00\x07\x08\u2028next line",
}


@pytest.fixture
def hostile(tmp_path: Path) -> str:
    import sqlite3

    path = damage.welcomedesk_file(tmp_path / "desk.sqlite3", households=3)
    connection = sqlite3.connect(str(path))
    connection.execute("UPDATE person SET given_names = ?, family_name = ?, occupation = ? WHERE id = 1",
                       tuple(HOSTILE_NAMES.values()))
    connection.commit()
    connection.close()
    return str(path)


def test_22_text_output_shows_stored_control_characters_escaped(hostile: str) -> None:
    for args in (["list"], ["show", "1"]):
        code, out, err = run("--db", hostile, *args)
        assert code == 0, err
        assert not any(c in out for c in "\x1b\x00\x07\x08\u202e\u2028")
        assert "Evil\\x1b[31mRed\\x1b[0m" in out and "Rev\\u202eersed" in out
    out = run("--db", hostile, "show", "1")[1]
    assert "nurse\\x00\\x07\\x08\\u2028next line" in out


def test_22_json_keeps_the_stored_text_exactly(hostile: str) -> None:
    code, out, _ = run("--db", hostile, "show", "1", "--json")
    person = json.loads(out)
    assert code == 0 and "\x1b" not in out and "\x00" not in out
    assert {k: person[k] for k in HOSTILE_NAMES} == HOSTILE_NAMES


def test_22_joiners_inside_names_are_kept(tmp_path: Path) -> None:
    from welcomedesk.cli.console import terminal_safe

    for name in ("مهر\u200cناز", "👨\u200d👩\u200d👧", "Nguyễn Thị"):
        assert terminal_safe(name) == name
