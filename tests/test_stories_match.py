"""Whether two statements of one speaker are the same statement (qawl.stories.match), on
pairs of reports of real statements by different outlets of the ANT 2018 corpus (the
article each came from in a comment)."""

from __future__ import annotations

import pytest

from qawl.arabic.words import content_words
from qawl.pipeline import analyse
from qawl.record import Article
from qawl.stories.match import claim_words, days_apart, relation, same_statement

# Le Drian, 7 and 8 May 2018 (ant2-AL-internationalNews-1042-20180507, ant2-BB-middleEast-467-20180508)
LE_DRIAN_1 = (
    "نحن عازمون على إنقاذ هذا الاتفاق لأنه يحمي من الانتشار "
    "النووي وهو السبيل الصحيح لمنع إيران من امتلاك سلاح نووي"
)
LE_DRIAN_2 = "نحن مصممون على إنقاذ الاتفاق لأنه يحافظ على الحد من الانتشار النووي"
# The Syrian Observatory, 10 May 2018 (ant2-FR-internationalNews-1164-20180510,
# ant2-SK-middleEast-1577-20180510): the same words, punctuated otherwise
OBSERVATORY_1 = (
    "الصواريخ الإسرائيلية استهدفت مواقع عدة إيرانية وتابعة لحزب "
    "الله اللبناني في جنوب البلاد ووسطها وفي محيط دمشق"
)
OBSERVATORY_2 = (
    "الصواريخ الإسرائيلية استهدفت مواقع عدة ايرانية، وتابعة لحزب "
    "الله اللبناني في جنوب البلاد ووسطها وفي محيط دمشق"
)
# Nigeria's defence ministry, 22 July 2018 (ant2-FR-internationalNews-2441-20180722,
# ant2-SK-internationalNews-2770-20180722): the second report keeps only the toll
TOLL_1 = (
    "قرابة الساعة الحادية عشرة من ليل الخميس-الجمعة تعرض موقع باروا العسكري لهجوم من قبل جماعة بوكو حرام"
    " الإرهابية. الحصيلة المؤقتة هي: في صفوفنا مقتل جندي واصابة اثنين آخرين بجروح وفي صفوف العدو مقتل عشرة"
    " إرهابيين نتيجة الرد الحاسم لقواتنا"
)
TOLL_2 = (
    "الحصيلة المؤقتة هي: في صفوفنا مقتل جندي وإصابة اثنين آخرين بجروح وفي صفوف العدو مقتل عشرة إرهابيين"
    " نتيجة الرد الحاسم لقواتنا"
)
# Trump, April and June 2018 (ant2-BB-middleEast-330-20180411, ant2-FR-internationalNews-1617-20180603):
# two statements, not one
TRUMP_TWEET = (
    "روسيا تتعهد بإسقاط أي وجميع الصواريخ التي تُطلق على "
    "سوريا. استعدي يا روسيا، لأنها ستأتي وستكون جميلة وجديدة وذكية"
)
TRUMP_SUMMIT = "القمة مع زعيم كوريا الشمالية ستعقد كما كانت مقررة في 12 حزيران/يونيو في سنغافورة"


def words(text: str) -> list[str]:
    return content_words(text)


def test_the_same_words_punctuated_otherwise_are_verbatim() -> None:
    assert relation(words(OBSERVATORY_1), words(OBSERVATORY_2)) == "verbatim"


def test_a_report_that_keeps_part_of_a_statement_is_trimmed() -> None:
    assert relation(words(TOLL_1), words(TOLL_2)) == "trimmed"
    assert relation(words(TOLL_2), words(TOLL_1)) == "trimmed"


def test_a_retold_statement_is_a_paraphrase() -> None:
    assert relation(words(LE_DRIAN_1), words(LE_DRIAN_2)) == "paraphrase"


def test_two_statements_of_one_speaker_are_not_one() -> None:
    assert relation(words(TRUMP_TWEET), words(TRUMP_SUMMIT)) is None
    assert relation(words(LE_DRIAN_1), words(TOLL_1)) is None


def test_short_statements_match_only_word_for_word() -> None:
    assert relation(["حرب", "تجاريه"], ["حرب", "تجاريه"]) == "verbatim"
    assert relation(["حرب", "تجاريه", "جيده"], ["حرب", "تجاريه", "سيئه"]) is None


@pytest.mark.parametrize(
    ("a", "b", "apart"), [("2018-05-07", "2018-05-08", 1), ("2018-05-08", "2018-04-30", 8)]
)
def test_days_apart(a: str, b: str, apart: int) -> None:
    assert days_apart(a, b) == apart


def test_reports_more_than_a_week_apart_are_two_statements() -> None:
    a, b = words(OBSERVATORY_1), words(OBSERVATORY_2)
    assert same_statement(a, "2018-05-10", b, "2018-05-11")
    assert not same_statement(a, "2018-05-10", b, "2018-05-25")
    assert same_statement(a, None, b, "2018-05-25")  # a day not known: the words decide


def test_claim_words_leave_out_the_names_a_statement_holds() -> None:
    record = analyse(Article(text=f'وقال الرئيس الأمريكي دونالد ترامب إن "{TRUMP_SUMMIT}".', id="t"))
    (quote,) = record.quotes
    claims = claim_words(record, quote)
    assert "سنغافوره" not in claims and "كوريا" not in claims
    assert {"قمه", "تعقد", "مقرره"} <= set(claims)  # words as search holds them: سـ cut
