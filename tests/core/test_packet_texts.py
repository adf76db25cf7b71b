"""The packet's fixed texts: one content file a language, English where a text is missing or wrong."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from welcomedesk.errors import ValidationError
from welcomedesk.packet import texts as packet_texts_module
from welcomedesk.packet.texts import packet_languages, packet_texts
from welcomedesk.resources import resource_path

PLACEHOLDER = re.compile(r"\{(\w+)\}")


def test_the_shipped_languages_are_complete_and_keep_every_placeholder() -> None:
    assert set(packet_languages()) >= {"fi", "sv", "en", "uk", "ru", "ar", "vi", "fi-x-plain"}
    english = packet_texts("en")
    for language in packet_languages():
        texts = packet_texts(language)
        assert texts.fell_back == frozenset(), language
        assert set(texts.texts) == set(english.texts)
        for key, text in texts.texts.items():
            assert set(PLACEHOLDER.findall(text)) == set(PLACEHOLDER.findall(english.texts[key])), (language, key)
    assert packet_texts("ar").right_to_left and not packet_texts("fi").right_to_left
    assert packet_texts("fi").text("title", municipality="Kajaani") != packet_texts("en").text(
        "title", municipality="Kajaani")


@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the packet texts that a test may add to."""
    folder = tmp_path / "packet"
    shutil.copytree(resource_path("content", "packet"), folder)
    monkeypatch.setattr(packet_texts_module, "_folder", lambda: folder)
    packet_texts.cache_clear()
    yield folder
    packet_texts.cache_clear()


def test_a_language_is_added_by_adding_a_content_file(content: Path) -> None:
    persian = json.loads((content / "en.json").read_text(encoding="utf-8"))
    persian.update(language="fa", language_name="فارسی", direction="rtl")
    persian["texts"]["title"] = "به {municipality} خوش آمدید"
    del persian["texts"]["greeting"]  # not written yet
    persian["texts"]["page_of"] = "صفحه {page}"  # a placeholder lost: the English is used instead
    (content / "fa.json").write_text(json.dumps(persian, ensure_ascii=False), encoding="utf-8")
    assert "fa" in packet_languages()
    texts = packet_texts("fa")
    assert texts.right_to_left and texts.text("title", municipality="Kajaani") == "به Kajaani خوش آمدید"
    assert texts.fell_back == {"greeting", "page_of"}
    assert texts.text("page_of", page=1, pages=4) == "Page 1 of 4"


@pytest.mark.parametrize("language", ["xx", "../en", "EN", "", "fi\x00"])
def test_a_language_with_no_texts_is_refused_with_a_reason(content: Path, language: str) -> None:
    with pytest.raises(ValidationError) as refused:
        packet_texts(language)
    assert refused.value.problems[0].field == "language"


def test_a_damaged_content_file_is_refused_not_half_read(content: Path) -> None:
    (content / "sv.json").write_text("{", encoding="utf-8")
    with pytest.raises(ValidationError):
        packet_texts("sv")
    (content / "sv.json").write_text(json.dumps({"format": "something else"}), encoding="utf-8")
    with pytest.raises(ValidationError):
        packet_texts("sv")
