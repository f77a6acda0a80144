"""What a noun phrase names (qawl.entities.phrases.describe): the name inside it, the
titles bound to the name, and titles of relation that name someone else's relative.

The phrases are read inside real sentences of gold articles of the development set (ids in
the comments); the expected values are the speakers and aliases of their annotation.
"""

from __future__ import annotations

import pytest
from sentences import (
    GUILLEMETS_ERIAN,
    KHASHOGGI_AND_FIANCEE,
    MOGHERINI_430,
    REVERSED_TRUDEAU,
    RUSSIAN_MFA,
    SHOIGU_REPORT,
    TURKISH_SOURCE_BBC,
)

from qawl.doc import Doc
from qawl.entities.phrases import Phrase, describe


def token_range(doc: Doc, phrase: str) -> tuple[int, int]:
    """The tokens of the first occurrence of ``phrase`` in the document."""
    start = doc.text.index(phrase)
    return doc.token_at(start), doc.token_at(start + len(phrase))


def words(doc: Doc, span: tuple[int, int] | None) -> str | None:
    if span is None:
        return None
    return doc.span_text(*span)[2]


def read(text: str, phrase: str) -> tuple[Doc, Phrase]:
    doc = Doc.from_text(text)
    found = describe(doc, *token_range(doc, phrase))
    assert found is not None
    return doc, found


@pytest.mark.parametrize(
    ("text", "phrase", "name", "title"),
    [
        pytest.param(
            REVERSED_TRUDEAU,
            "مديرة المكتب الصحفي في الخارجية الأمريكية ” إليزابيث ترودو”",
            "إليزابيث ترودو",
            "مديرة المكتب الصحفي في الخارجية الأمريكية",
            id="title-then-quoted-name",
        ),
        pytest.param(
            SHOIGU_REPORT,
            "وزير الدفاع الروسي “سيرغي شويغو”",
            "سيرغي شويغو",
            "وزير الدفاع الروسي",
            id="minister",
        ),
        pytest.param(
            MOGHERINI_430,
            "مفوضة الشؤون الخارجية في الاتحاد الأوروبي، فيديريكا موغيريني",
            "فيديريكا موغيريني",
            "مفوضة الشؤون الخارجية في الاتحاد الأوروبي",
            id="title-comma-name",
        ),
        pytest.param(
            GUILLEMETS_ERIAN,
            "نائب رئيس حزب الحرية والعدالة المنبثق عن جماعة الإخوان المسلمين عصام العريان",
            "عصام العريان",
            "نائب رئيس حزب الحرية والعدالة",
            id="long-title",
        ),
    ],
)
def test_title_and_name_are_split(text: str, phrase: str, name: str, title: str) -> None:
    doc, found = read(text, phrase)
    assert found.type == "PER"
    assert words(doc, found.name) == name
    titles = [words(doc, t) for t in found.titles]
    assert len(titles) == 1 and titles[0].startswith(title), titles


def test_relation_title_names_no_one_but_the_relative() -> None:
    doc, found = read(KHASHOGGI_AND_FIANCEE, "خطيبة خاشقجي")
    assert found.name is None  # خاشقجي is the fiancé, not the one this phrase names
    assert [words(doc, t) for t in found.titles] == ["خطيبة خاشقجي"]


def test_name_alone_is_a_person() -> None:
    doc, found = read(KHASHOGGI_AND_FIANCEE, "جمال خاشقجي")
    assert found.type == "PER"
    assert words(doc, found.name) == "جمال خاشقجي"
    assert found.titles == ()


@pytest.mark.parametrize(
    ("text", "phrase", "kind"),
    [
        pytest.param(TURKISH_SOURCE_BBC, "مصدر أمني تركي", "MISC", id="unnamed-source"),
        pytest.param(RUSSIAN_MFA, "وزارة الخارجية الروسية", "ORG", id="ministry"),
    ],
)
def test_phrase_without_a_personal_name_is_named_by_itself(text: str, phrase: str, kind: str) -> None:
    doc, found = read(text, phrase)
    assert found.type == kind
    assert found.name is None and found.titles == ()
    assert words(doc, found.span) == phrase
