"""WARC files: every HTML response is an Article; other records are skipped; a broken record is a
Failure named by its number."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from qawl.ingest.errors import Failure
from qawl.ingest.warc import read_warc
from qawl.record import Article
from tests.ingest_data import JAWHARA, SEED, SEED_HEADLINE, as_uri, jawhara_page, page, seed_page, write_warc

SEED_AT = "https://www.example.org/news/2016/aleppo-talks?ref=rss"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06"


def crawl(path: Path, *, compress: bool = True) -> Path:
    """Two pages (one Windows-1256 declared only by its HTTP header, one UTF-8 declaring nothing) around an
    image, each after its request, after a warcinfo record."""
    return write_warc(
        path,
        [
            (SEED_AT, seed_page(None).encode("cp1256"), "text/html; charset=windows-1256"),
            ("https://www.example.org/logo.png", PNG, "image/png"),
            (JAWHARA[0].url, jawhara_page(JAWHARA[0], with_url=False).encode(), "text/html"),
        ],
        gzip=compress,
    )


@pytest.mark.parametrize("compress", [True, False])
def test_html_responses_become_articles_and_the_rest_is_skipped(tmp_path: Path, compress: bool) -> None:
    path = crawl(tmp_path / ("crawl.warc.gz" if compress else "crawl.warc"), compress=compress)
    seed, jawhara = read_warc(str(path))
    assert seed == Article(
        text=SEED.text,
        id=SEED_AT,  # where it was fetched from, not its canonical URL
        url=SEED_AT,
        source="المركز الصحفي السوري",
        published="2016-08-02",
        title=SEED_HEADLINE,
    )
    assert isinstance(jawhara, Article)
    assert (jawhara.id, jawhara.text, jawhara.title) == (
        as_uri(JAWHARA[0].url),
        JAWHARA[0].text,
        JAWHARA[0].title,
    )


def test_a_whole_file_gzip_is_read_too(tmp_path: Path) -> None:
    plain = crawl(tmp_path / "crawl.warc", compress=False)
    whole = tmp_path / "whole.warc.gz"
    whole.write_bytes(gzip.compress(plain.read_bytes()))
    assert [a.id for a in read_warc(str(whole))] == [SEED_AT, as_uri(JAWHARA[0].url)]


def test_charset_from_the_page_and_compressed_bodies(tmp_path: Path) -> None:
    iso_page = page(JAWHARA[1], title=JAWHARA[1].title, charset="iso-8859-6").encode("iso8859-6")
    path = tmp_path / "crawl.warc.gz"
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        headers = [("Content-Type", "text/html"), ("Content-Encoding", "gzip")]
        http = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
        body = io.BytesIO(gzip.compress(iso_page))
        writer.write_record(
            writer.create_warc_record(as_uri(JAWHARA[1].url), "response", payload=body, http_headers=http)
        )
    [article] = read_warc(str(path))
    assert isinstance(article, Article)
    assert article.text == JAWHARA[1].text


def test_redirects_and_errors_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc"
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=False)
        for status in ("301 Moved Permanently", "404 Not Found", "200 OK"):
            http = StatusAndHeaders(status, [("Content-Type", "text/html")], protocol="HTTP/1.1")
            body = io.BytesIO(jawhara_page(JAWHARA[2]).encode())
            writer.write_record(
                writer.create_warc_record(as_uri(JAWHARA[2].url), "response", payload=body, http_headers=http)
            )
    assert [a.id for a in read_warc(str(path))] == [as_uri(JAWHARA[2].url)]


def test_a_broken_record_is_a_failure_naming_it_and_the_file_goes_on(tmp_path: Path) -> None:
    good = crawl(tmp_path / "good.warc.gz").read_bytes()  # records 1-7
    broken = bytearray(gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\n" + b"x" * 400))
    broken[20:40] = b"\xff" * 20
    path = tmp_path / "broken.warc.gz"
    path.write_bytes(good + bytes(broken) + good)
    results = list(read_warc(str(path)))
    pages = [SEED_AT, as_uri(JAWHARA[0].url)]
    assert [a.id for a in results[:2]] == pages
    assert results[2] == Failure(f"{path}#record 8", results[2].reason)
    assert results[2].reason.startswith("broken WARC record (")
    assert [a.id for a in results[3:]] == pages  # read on from the next gzip member


def test_a_cut_file_is_a_failure_for_the_record_it_cuts(tmp_path: Path) -> None:
    data = crawl(tmp_path / "crawl.warc", compress=False).read_bytes()
    path = tmp_path / "cut.warc"
    path.write_bytes(data[: len(data) - 2000])
    results = list(read_warc(str(path)))
    assert results[0].id == SEED_AT  # type: ignore[union-attr]
    assert results[1].input == f"{path}#record 7"  # type: ignore[union-attr]
    assert results[1].reason.startswith(f"{as_uri(JAWHARA[0].url)}: WARC record cut short (")  # type: ignore[union-attr]


def test_a_page_without_text_is_a_failure_and_the_file_goes_on(tmp_path: Path) -> None:
    empty = b"<html><head><title>404</title></head><body><div> </div></body></html>"
    pages = [("https://e.org/empty", empty, "text/html"), (SEED_AT, seed_page().encode(), "text/html")]
    path = write_warc(tmp_path / "crawl.warc.gz", pages)
    assert [r.id if isinstance(r, Article) else r for r in read_warc(str(path))] == [
        Failure(f"{path}#record 3", "https://e.org/empty: no article text in the page"),
        SEED_AT,
    ]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty WARC file"),
        (b"hello, this is not a WARC file\n", "not a WARC file"),
        (gzip.compress(b"hello, this is not a WARC file\n"), "not a WARC file"),
    ],
)
def test_files_that_are_no_warc(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "x.warc.gz"
    path.write_bytes(content)
    assert list(read_warc(str(path))) == [Failure(str(path), reason)]
    assert list(read_warc(str(tmp_path / "none.warc"))) == [
        Failure(str(tmp_path / "none.warc"), "no such file")
    ]
