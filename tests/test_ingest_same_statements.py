"""The issue's check: the same article as UTF-8 text, Windows-1256 text, UTF-16 and an HTML page (and
in a WARC file) yields the same statements."""

from __future__ import annotations

from pathlib import Path

from qawl.ingest import read_inputs
from qawl.pipeline import analyse
from qawl.record import Article
from tests.ingest_data import SEED, seed_page, write_warc


def statements(article: Article) -> list[tuple[str, str, str | None]]:
    return [(q.type, q.text, q.speaker and q.speaker.text) for q in analyse(article).quotes]


def test_every_form_of_the_seed_article_yields_the_same_statements(tmp_path: Path) -> None:
    (tmp_path / "utf8.txt").write_text(SEED.text, encoding="utf-8")
    (tmp_path / "windows1256.txt").write_text(SEED.text, encoding="cp1256")
    (tmp_path / "utf16.txt").write_text(SEED.text, encoding="utf-16")
    (tmp_path / "utf16-without-bom.txt").write_text(SEED.text, encoding="utf-16-le")
    (tmp_path / "page-utf8.html").write_text(seed_page("utf-8"), encoding="utf-8")
    (tmp_path / "page-windows1256.html").write_text(seed_page("windows-1256"), encoding="cp1256")
    page = seed_page(None).encode("cp1256")
    write_warc(tmp_path / "crawl.warc.gz", [("https://e.org/a", page, "text/html; charset=windows-1256")])

    articles = list(read_inputs([str(tmp_path)]))
    assert all(isinstance(a, Article) for a in articles)
    assert len(articles) == 7
    expected = statements(SEED)
    assert len(expected) >= 5  # a decline, direct quotes with their speakers: something to compare
    for article in articles:
        assert isinstance(article, Article)
        assert article.text == SEED.text, article.id
        assert statements(article) == expected, article.id
