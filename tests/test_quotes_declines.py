"""Declines (GUIDELINES.md, "Statements"): a source that declined, refused or did not
answer a request to comment is a statement of type decline, with no content and no span.

Each fixture is a paragraph of a gold article of the development set (its id in the
comment); the expected values are that article's annotation.
"""

from __future__ import annotations

import pytest
from helpers import declines, describe, extract, find, speaker_is

# seed-aleppo-2016: تجنبت … التعليق
SEED_DECLINE = (
    "تجنبت “الخارجية الأمريكية” التعليق على ما أدلى به وزير الدفاع الروسي “سيرغي شويغو” حول"
    " تعاون مقبل في الصراع الدائر بحلب."
)
# ant2-FR-internationalNews-390-20180312: رفض … التعليق
MACRON_DECLINE = (
    "وردا على سؤال عن انتقادات سلفه فرانسوا هولاند الذي اعتبر أن البلدان الغربية لا تمارس"
    ' ضغوطا كافية على موسكو وأنقرة في الملف السوري، رفض ماكرون التعليق. وقال "في إطار الحياة'
    ' الديمقراطية ثمة تعليقات، وكل شخص يتحمل مسؤولياته".'
)
# ant2-BB-middleEast-925-20180829: اعتذرت عن "التحدث أو التعقيب"
MENNA_DECLINE = (
    "وتواصلت بي بي سي هاتفيا مع منة جبران التي اتهمت الشاب بالتحرش بها لكنها اعتذرت عن"
    ' "التحدث أو التعقيب" على إعلان المحامي والشاب اعتزامهما التوجه للنيابة ضدها.'
)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        pytest.param(SEED_DECLINE, ("الخارجية الأمريكية",), id="avoided"),
        pytest.param(MACRON_DECLINE, ("إيمانويل ماكرون", "ماكرون", "الرئيس الفرنسي"), id="refused"),
        pytest.param(MENNA_DECLINE, ("منة جبران", "منة"), id="apologised"),
    ],
)
def test_decline_to_comment_has_its_speaker_no_content_and_no_span(
    text: str, speaker: tuple[str, ...]
) -> None:
    record = extract(text)
    found = declines(record)
    assert len(found) == 1, describe(record)
    (decline,) = found
    assert decline["text"] == ""
    assert decline["start"] is None and decline["end"] is None
    assert speaker_is(record, decline, *speaker), describe(record)
    cue = decline["cue"]
    assert cue is not None and text[cue["start"] : cue["end"]] == cue["text"]


def test_quoted_words_of_a_decline_are_no_statement() -> None:
    record = extract(MENNA_DECLINE)
    assert find(record, "التحدث أو التعقيب") is None, describe(record)


def test_statement_after_a_decline_keeps_the_speaker() -> None:
    record = extract(MACRON_DECLINE)
    quote = find(record, "في إطار الحياة الديمقراطية ثمة تعليقات، وكل شخص يتحمل مسؤولياته")
    assert quote is not None, describe(record)
    assert quote["type"] == "direct"
    assert speaker_is(record, quote, "إيمانويل ماكرون", "ماكرون")
