"""The table of real date expressions (tests/data/dates_corpus.tsv): 283 expressions from
sentences of ../shared/corpus, each with its article's publication date and the value a
person gave it by hand, without reading qawl's code.  Every row must come out right when its
sentence is analysed alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from qawl.pipeline import analyse
from qawl.record import Article

TABLE = Path(__file__).parent / "data" / "dates_corpus.tsv"


def rows() -> list[tuple[str, str, str, str, str]]:
    lines = [x for x in TABLE.read_text(encoding="utf-8").splitlines() if x and not x.startswith("#")]
    assert lines[0].split("\t") == ["id", "published", "expression", "value", "sentence"]
    return [tuple(x.split("\t")) for x in lines[1:]]  # type: ignore[misc]


ROWS = rows()


def test_the_table_is_large_and_varied() -> None:
    assert len(ROWS) >= 100
    assert len({r[0] for r in ROWS}) >= 100  # from many articles
    assert sum(1 for r in ROWS if not r[1]) >= 20  # some with no publication date


@pytest.mark.parametrize(
    ("id", "published", "expression", "value", "sentence"), ROWS, ids=[r[0] for r in ROWS]
)
def test_corpus_expression(id: str, published: str, expression: str, value: str, sentence: str) -> None:
    record = analyse(Article(text=sentence, published=published or None))
    found = [(d.text, d.value) for d in record.dates if expression in d.text or d.text in expression]
    assert value in [v for _, v in found], f"{expression!r} -> {found}"
