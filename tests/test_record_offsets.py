"""The promise of FORMAT.md: every span a record names is text[start:end] of its text, and
every reference points into the record. Checked on each bundled sample article."""

from __future__ import annotations

import pytest
from helpers import extract
from hostile import spans_of

from qawl import samples
from qawl.record import Article

ARTICLES = samples.load()


def _record(article: Article) -> dict:
    return extract(
        article.text,
        published=article.published,
        source=article.source,
        url=article.url,
        title=article.title,
        id=article.id,
    )


@pytest.fixture(scope="module", params=ARTICLES, ids=[a.id for a in ARTICLES])
def record(request: pytest.FixtureRequest) -> dict:
    return _record(request.param)


def test_record_is_format_qawl_2_with_the_article_metadata(record: dict) -> None:
    article = next(a for a in ARTICLES if a.id == record["id"])
    assert record["format"] == "qawl/2"
    assert record["language"] == "ar"
    assert record["text"] == article.text
    assert (record["source"], record["published"]) == (article.source, article.published)


def test_every_span_is_the_text_at_its_offsets(record: dict) -> None:
    text = record["text"]
    spans = spans_of(record)
    assert spans
    for where, span in spans:
        assert 0 <= span["start"] < span["end"] <= len(text), where
        assert text[span["start"] : span["end"]] == span["text"], where


def test_declines_have_no_content_and_no_span_and_statements_have_both(record: dict) -> None:
    for q in record["quotes"]:
        if q["type"] == "decline":
            assert (q["text"], q["start"], q["end"]) == ("", None, None), q["id"]
        else:
            assert q["text"] and q["start"] is not None and q["end"] is not None, q["id"]


def test_speaker_and_via_entities_point_into_the_entities(record: dict) -> None:
    ids = {e["id"] for e in record["entities"]}
    for q in record["quotes"]:
        refs = ([q["speaker"]] if q["speaker"] else []) + q["via"]
        for ref in refs:
            assert ref["entity"] is None or ref["entity"] in ids, q["id"]


def test_ids_are_unique(record: dict) -> None:
    entity_ids = [e["id"] for e in record["entities"]]
    quote_ids = [q["id"] for q in record["quotes"]]
    assert len(set(entity_ids)) == len(entity_ids)
    assert len(set(quote_ids)) == len(quote_ids)
