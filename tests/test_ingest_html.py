"""HTML pages: the article's paragraphs as lines, its title, date, site and URL, in any encoding."""

from __future__ import annotations

import dataclasses

import pytest

from qawl.ingest.errors import InvalidInput
from qawl.ingest.html import declared_charset, fragment_text, html_article
from qawl.record import Article
from tests.ingest_data import (
    JAWHARA,
    SEED,
    SEED_HEADLINE,
    SEED_ISO_TEXT,
    SEED_SITE,
    SEED_URL,
    page,
    seed_page,
)


def test_the_article_and_its_metadata() -> None:
    article = html_article(seed_page().encode("utf-8"), name="aleppo")
    assert article == Article(
        text=SEED.text,  # paragraphs as lines; navigation, headline and footer left out
        id=SEED_URL,
        source=SEED_SITE,
        url=SEED_URL,
        published="2016-08-02",
        title=SEED_HEADLINE,
    )


@pytest.mark.parametrize(
    ("charset", "encoding"),
    [
        ("utf-8", "utf-8"),
        ("windows-1256", "cp1256"),
        (None, "cp1256"),  # no declaration: detected
        ("iso-8859-1", "cp1256"),  # a Western declaration is not believed
        ("windows-1256", "utf-8"),  # a stale declaration on a page re-encoded to UTF-8
        (None, "utf-16"),
    ],
)
def test_any_encoding_gives_the_same_text(charset: str | None, encoding: str) -> None:
    article = html_article(seed_page(charset).encode(encoding), name="aleppo")
    assert (article.text, article.title) == (SEED.text, SEED_HEADLINE)


def test_iso_8859_6_declared_in_http_equiv() -> None:
    markup = page(dataclasses.replace(SEED, text=SEED_ISO_TEXT), title="حلب", charset=None)
    markup = markup.replace(
        "<title>", '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-6">\n<title>'
    )
    data = markup.encode("iso8859-6")
    assert declared_charset(data) == "ISO-8859-6"
    assert html_article(data, name="aleppo").text == SEED_ISO_TEXT


def test_a_declaration_settles_a_tie_and_the_transport_wins_over_the_page() -> None:
    """A subhead of ant2-SK-internationalNews-3087-20180819: its Windows-1256 bytes read as ISO-8859-6 too,
    and neither reading has a word to prefer it by."""
    line = "شهود سريون"
    markup = f'<html><head><meta charset="iso-8859-6"></head><body><p>{line}</p></body></html>'
    data = markup.encode("cp1256")
    assert html_article(data, name="x").text == line.encode("cp1256").decode("iso8859-6")  # the page's word
    assert html_article(data, name="x", charset="windows-1256").text == line


def test_without_url_the_id_is_the_name() -> None:
    article = html_article(page(JAWHARA[0], title=JAWHARA[0].title).encode(), name="85769")
    assert (article.id, article.url, article.text) == ("85769", None, JAWHARA[0].text)


def test_og_url_when_there_is_no_canonical_link() -> None:
    markup = page(JAWHARA[1], title=JAWHARA[1].title).replace(
        "<title>", f'<meta property="og:url" content="{JAWHARA[1].url}">\n<title>'
    )
    assert html_article(markup.encode(), name="x").url == JAWHARA[1].url


def test_the_url_it_was_fetched_from_wins() -> None:
    article = html_article(seed_page().encode(), name="x", url="https://mirror.example.net/aleppo")
    assert article.id == article.url == "https://mirror.example.net/aleppo"


def test_no_date_metadata_no_date() -> None:
    article = html_article(page(JAWHARA[2], title=JAWHARA[2].title).encode(), name="x")
    assert article.published is None


def test_a_headline_that_is_not_the_title_stays_in_the_text() -> None:
    markup = page(SEED, title=SEED_HEADLINE).replace(f"<title>{SEED_HEADLINE}</title>", "<title>حلب</title>")
    markup = markup.replace(f"<h1>{SEED_HEADLINE}</h1>", "")
    article = html_article(markup.encode(), name="x")
    assert article.text == SEED.text


def test_xhtml_with_an_xml_declaration() -> None:
    markup = '<?xml version="1.0" encoding="windows-1256"?>\n' + seed_page(None).replace(
        "<!DOCTYPE html>", '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x">'
    )
    assert html_article(markup.encode("cp1256"), name="x").text == SEED.text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (
            b"<html><head><title>t</title></head><body><div> </div></body></html>",
            "no article text in the page",
        ),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file, not text"),
    ],
)
def test_pages_without_an_article(data: bytes, reason: str) -> None:
    with pytest.raises(InvalidInput, match=f"^{reason}$"):
        html_article(data, name="x")


def test_a_fragment_keeps_its_paragraphs() -> None:
    fragment = "".join(f"<p>{line}</p>" for line in SEED.text.split("\n"))
    assert fragment_text(fragment) == SEED.text
