"""Search: words in any written form, filters on speaker, subject, outlet, type and day,
and hostile filter values that are only ever data."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from qawl.pipeline import analyse
from qawl.store import connect
from qawl.store.search import Filters, search_articles, search_statements
from qawl.store.search_text import search_text
from qawl.store.writer import load_base, write_batch
from tests.store_data import dev_articles


@pytest.fixture(scope="module")
def engine(module_store: str) -> Iterator[Engine]:
    engine = connect(module_store)
    write_batch(engine, [analyse(a) for a in dev_articles()], load_base(engine))
    yield engine
    engine.dispose()


def test_search_text_folds_and_cuts_clitics() -> None:
    assert search_text("للحكومة") == search_text("الحكومة") == " حكومه "
    assert search_text("أمريكا") == search_text("امريكا")
    assert search_text("وبالمفاوضات") == search_text("مفاوضات")


def test_a_word_finds_its_statements_in_any_form(engine: Engine) -> None:
    plain = search_statements(engine, "المفاوضات", limit=100)
    fused = search_statements(engine, "بالمفاوضات", limit=100)
    assert plain and {h.statement_id for h in plain} == {h.statement_id for h in fused}
    assert all("مفاوض" in h.text for h in plain)


def test_speaker_filter_by_name_or_kb_id(engine: Engine) -> None:
    hits = search_statements(engine, "", Filters(speaker="شويغو"), limit=100)
    assert len(hits) == 3 and {h.speaker for h in hits} == {"سيرغي شويغو"}
    assert {h.day for h in hits} == {"2016-08-01"} and hits[0].via == "وكالة الإعلام الروسية"
    with_words = search_statements(engine, "حلب", Filters(speaker="شويغو"))
    assert len(with_words) == 2 and all("حلب" in h.text for h in with_words)


def test_date_type_and_outlet_filters(engine: Engine) -> None:
    october = search_statements(engine, "", Filters(since="2018-10-01", until="2018-10-31"), limit=1000)
    assert october and all("2018-10-01" <= h.day <= "2018-10-31" for h in october)
    declines = search_statements(engine, "", Filters(type="decline"), limit=1000)
    assert declines and all(h.type == "decline" for h in declines)
    bbc = search_statements(engine, "", Filters(outlet="bbc"), limit=1000)
    assert bbc and all("bbc" in (h.outlet or "").lower() for h in bbc)


def test_about_finds_statements_that_name_an_entity(engine: Engine) -> None:
    hits = search_statements(engine, "", Filters(about="حلب"), limit=100)
    assert hits and all("حلب" in h.text for h in hits)


def test_articles_by_their_words(engine: Engine) -> None:
    hits = search_articles(engine, "شويغو")
    assert "seed-aleppo-2016" in {h.article_id for h in hits}


HOSTILE = ["' OR 1=1 --", '"; DROP TABLE statements; --', "%", "_", "\\", 'NEAR("a" "b")', "*", "\x00"]


@pytest.mark.parametrize("value", HOSTILE)
def test_sql_and_fts_metacharacters_are_data(engine: Engine, value: str) -> None:
    for filters in (Filters(speaker=value), Filters(about=value), Filters(outlet=value)):
        assert search_statements(engine, value, filters) == []
        assert search_statements(engine, "", filters) == []
    with pytest.raises(ValueError, match="since must be a day"):
        Filters(since=value)
    assert search_articles(engine, value) == []
    assert len(search_statements(engine, "", limit=5)) == 5  # the tables are still there
