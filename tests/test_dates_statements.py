"""The day each statement was made: from its own clause, or from the report it continues;
never from the publication date."""

from __future__ import annotations

from qawl.pipeline import analyse
from qawl.record import Article
from tests.sentences import KHASHOGGI_AND_FIANCEE, SHOIGU_REPORT


def statement_dates(text: str, published: str) -> list[tuple[str, str | None]]:
    record = analyse(Article(text=text, published=published))
    return [(q.speaker.text if q.speaker else "", q.date.value if q.date else None) for q in record.quotes]


def test_the_seed_reports_shoigu_yesterday_monday_and_its_continuations_keep_the_day() -> None:
    got = statement_dates(SHOIGU_REPORT, "2016-08-02")
    assert len(got) == 3
    assert [d for _, d in got] == ["2016-08-01"] * 3


def test_a_clause_without_a_date_gives_none_not_the_publication_date() -> None:
    # the Tuesday is when Khashoggi went in, in the sentence before; the fiancée's words have no day
    got = statement_dates(KHASHOGGI_AND_FIANCEE, "2018-10-04")
    assert got and all(d is None for _, d in got)


def test_a_date_inside_the_content_is_not_when_it_was_said() -> None:
    # ant2-BB-middleEast-925-20180829
    text = (
        "وقالت في اتصال هاتفي مع بي بي سي إنها اتصلت بها هاتفيا يوم الثلاثاء لدعمها وتوعيتها بحقوقها"
        " والمسؤولية القانونية الواقعة عليها."
    )
    record = analyse(Article(text=text, published="2018-08-29"))
    assert [d.value for d in record.dates] == ["2018-08-28"]
    assert record.quotes and all(q.date is None for q in record.quotes)


def test_a_date_between_the_speaker_and_the_content() -> None:
    # ant2-FR-internationalNews-581-20180406 (tests/data/dates_corpus.tsv)
    text = "قال رئيس وزراء فرنسا إدوار فيليب أمس الخميس إن حكومته لن تتزحزح عن موقفها بإجراء تغييرات."
    assert statement_dates(text, "2018-04-06") == [("رئيس وزراء فرنسا إدوار فيليب", "2018-04-05")]
