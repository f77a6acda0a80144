"""Storing records: exactly what went in comes out, a second run adds nothing, and a
republished article is stored once with every outlet that carried it."""

from __future__ import annotations

from dataclasses import replace

from qawl.entities.base import EntityBase
from qawl.ingest.readers import Failure
from qawl.pipeline import analyse
from qawl.store import connect
from qawl.store.reader import counts, records
from qawl.store.writer import load_base, write_batch
from tests.store_data import dev_articles, seed


def test_records_come_back_exactly(store_target: str) -> None:
    engine = connect(store_target)
    stored = [analyse(a) for a in dev_articles(6)]
    write_batch(engine, stored, load_base(engine))  # sets each entity's kb_id from the growing base
    back = list(records(engine))
    assert [r.to_json("qawl/1") for r in back] == [r.to_json("qawl/1") for r in stored]
    # qawl/2 adds what the store knows: each statement's story, and answers across articles.
    for got, sent in zip(back, stored, strict=True):
        for q, analysed in zip(got.quotes, sent.quotes, strict=True):
            assert q.story is not None and q.story.startswith("S")
            if analysed.responds_to is not None:
                assert q.responds_to == analysed.responds_to
    engine.dispose()


def test_the_same_articles_twice_are_stored_once(store_target: str) -> None:
    engine = connect(store_target)
    articles = [analyse(a) for a in dev_articles(4)]
    first = write_batch(engine, articles, load_base(engine))
    before = counts(engine)
    again = write_batch(engine, [analyse(a) for a in dev_articles(4)], load_base(engine))
    assert (first.articles, again.articles, again.skipped) == (4, 0, 4)
    assert counts(engine) == before
    engine.dispose()


def test_a_republished_article_is_one_article_with_two_outlets(store_target: str) -> None:
    engine = connect(store_target)
    original = seed()
    # another outlet's copy: its own id, outlet and URL, a headline line on top
    copy = replace(
        original,
        id="copy-1",
        source="وكالة أخرى",
        url="https://example.org/1",
        text="عنوان آخر للخبر\n" + original.text,
    )
    added = write_batch(engine, [analyse(original), analyse(copy)], load_base(engine))
    assert (added.articles, added.copies) == (1, 1)
    with engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT input_id, article_id, similarity FROM copies ORDER BY input_id"
        ).all()
    assert [(r[0], r[1]) for r in rows] == [("copy-1", original.id), (original.id, original.id)]
    assert 0.8 <= rows[0][2] < 1.0
    assert counts(engine)["statements"] == len(analyse(original).quotes)
    engine.dispose()


def test_different_articles_are_not_collapsed(store_target: str) -> None:
    engine = connect(store_target)
    added = write_batch(engine, [analyse(a) for a in dev_articles(12)], load_base(engine))
    assert (added.articles, added.copies) == (12, 0)
    engine.dispose()


def test_failures_are_stored_with_their_reason_once(store_target: str) -> None:
    engine = connect(store_target)
    failure = Failure("news.jsonl:7", "not JSON: Expecting value at column 1")
    write_batch(engine, [failure], load_base(engine))
    write_batch(engine, [failure], load_base(engine))
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT input, reason FROM failures").all() == [
            ("news.jsonl:7", "not JSON: Expecting value at column 1")
        ]
    engine.dispose()


def test_the_entity_base_grows_across_runs(store_target: str) -> None:
    engine = connect(store_target)
    first = analyse(seed())
    write_batch(engine, [first], load_base(engine))
    shoigu = next(e for e in first.entities if e.name == "سيرغي شويغو")
    assert shoigu.kb_id and shoigu.kb_id.startswith("qawl:")
    # a later run, with the base read back from the store, links him to the same entry
    base = load_base(engine)
    assert base.link("سيرغي شويغو", "PER").kb_id == shoigu.kb_id
    assert len(base) > len(EntityBase.shipped())
    engine.dispose()
