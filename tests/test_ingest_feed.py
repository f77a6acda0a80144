"""RSS and Atom feeds: each entry's article from its linked page (in a folder or a WARC file), else from
the entry's own content; a page that is nowhere is a Failure saying so."""

from __future__ import annotations

from pathlib import Path

from qawl.ingest import read_inputs
from qawl.ingest.errors import Failure
from qawl.ingest.feed import Pages, read_feed, url_key
from qawl.record import Article
from tests.ingest_data import (
    JAWHARA,
    SEED,
    SEED_SITE,
    SEED_URL,
    as_uri,
    jawhara_page,
    rendered,
    rss,
    seed_page,
    write_warc,
)

TEASER = "أعلن وزير الخارجية أن المفاوضات ستستأنف الأسبوع المقبل."


def site(folder: Path) -> Path:
    """A news site's feed beside what was saved of it: two pages in a folder, one in a WARC file."""
    pages = folder / "pages"
    pages.mkdir(parents=True)
    # Found by its canonical URL (the file name says nothing).
    (pages / "story-one.html").write_text(jawhara_page(JAWHARA[0]), encoding="utf-8")
    # No canonical URL: found by its file name, the link's last path segment.
    (pages / "73079.html").write_text(jawhara_page(JAWHARA[1], with_url=False), encoding="cp1256")
    (pages / "aleppo-talks.html").write_text(seed_page(), encoding="utf-8")
    write_warc(folder / "crawl.warc.gz", [(JAWHARA[2].url, jawhara_page(JAWHARA[2]).encode(), "text/html")])
    content = "".join(f"<p>{line}</p>" for line in JAWHARA[3].text.split("\n"))
    feed = folder / "feed.rss"
    feed.write_bytes(
        rss(
            [
                {
                    "title": JAWHARA[0].title,
                    "link": JAWHARA[0].url,
                    "pubDate": "Sat, 27 May 2017 14:05:00 +0100",
                },
                {"title": "x", "link": JAWHARA[1].url, "pubDate": "Fri, 09 Dec 2016 00:30:00 +0100"},
                {
                    "title": JAWHARA[2].title,
                    "link": JAWHARA[2].url,
                    "pubDate": "Fri, 26 Aug 2016 10:00:00 +0100",
                },
                {"title": JAWHARA[3].title, "link": JAWHARA[3].url, "content": content},
                {"title": JAWHARA[4].title, "link": JAWHARA[4].url, "description": TEASER},
                {"title": "حلب", "link": SEED_URL, "pubDate": "Wed, 03 Aug 2016 08:00:00 +0300"},
            ]
        )
    )
    return feed


def test_pages_from_a_folder_and_a_warc_file_and_the_entries_own_content(tmp_path: Path) -> None:
    feed = site(tmp_path)
    results = list(read_inputs([str(feed)]))  # pages: the feed's own folder, by default
    by_canonical, by_name, from_warc, from_content, missing, seed = results

    assert isinstance(by_canonical, Article)
    assert (by_canonical.id, by_canonical.text) == (
        as_uri(JAWHARA[0].url),
        JAWHARA[0].text,
    )  # as the page says
    assert by_canonical.published == "2017-05-27"  # the page has no date: the entry's

    assert isinstance(by_name, Article)
    assert by_name.text == JAWHARA[1].text
    assert by_name.id == by_name.url == JAWHARA[1].url  # the page has none: the link
    assert by_name.title == JAWHARA[1].title  # the page's title wins over the entry's
    assert by_name.published == "2016-12-09"  # the publisher's day, not UTC's (2016-12-08)

    assert isinstance(from_warc, Article)
    assert (from_warc.id, from_warc.text) == (as_uri(JAWHARA[2].url), rendered(JAWHARA[2].text))
    assert from_warc.published == "2016-08-26"

    assert from_content == Article(
        text=JAWHARA[3].text,
        id=JAWHARA[3].url,
        url=JAWHARA[3].url,
        title=JAWHARA[3].title,
        source="Jawhara FM",
    )

    # A teaser is no article: the entry fails.
    assert missing == Failure(f"{feed}#entry 5", f"linked page {JAWHARA[4].url} not found in {tmp_path}")

    assert isinstance(seed, Article)
    assert (seed.text, seed.published, seed.source) == (SEED.text, "2016-08-02", SEED_SITE)  # the page's date


def test_pages_given_elsewhere(tmp_path: Path) -> None:
    feed = site(tmp_path / "site")
    elsewhere = tmp_path / "feeds" / "feed.rss"
    elsewhere.parent.mkdir()
    feed.rename(elsewhere)
    results = list(read_inputs([str(elsewhere)], pages=str(tmp_path / "site" / "crawl.warc.gz")))
    assert [type(r).__name__ for r in results] == [
        "Failure",
        "Failure",
        "Article",
        "Article",
        "Failure",
        "Failure",
    ]
    assert results[0] == Failure(
        f"{elsewhere}#entry 1",
        f"linked page {JAWHARA[0].url} not found in {tmp_path / 'site' / 'crawl.warc.gz'}",
    )
    nowhere = list(read_inputs([str(elsewhere)], pages=str(tmp_path / "none.warc")))
    assert nowhere[0].reason.endswith("not found in " + str(tmp_path / "none.warc") + " (no such file)")  # type: ignore[union-attr]


def test_an_atom_feed_with_its_content_and_dates() -> None:
    content = "".join(f"&lt;p&gt;{line}&lt;/p&gt;" for line in SEED.text.split("\n"))
    atom = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>المركز الصحفي السوري</title><id>urn:x</id>
<updated>2016-08-02T01:00:00+03:00</updated>
<entry><title>حلب</title><id>urn:y</id><link href="{SEED_URL}"/>
<published>2016-08-02T01:00:00+03:00</published><updated>2016-08-02T01:00:00+03:00</updated>
<content type="html">{content}</content></entry></feed>"""
    [article] = read_feed(atom.encode(), label="atom.xml", pages=None)
    assert article == Article(
        text=SEED.text, id=SEED_URL, url=SEED_URL, published="2016-08-02", title="حلب", source=SEED_SITE
    )


def test_what_is_no_feed() -> None:
    assert list(read_feed(b"this is not a feed at all", label="x.rss", pages=None)) == [
        Failure("x.rss", "not an RSS or Atom feed")
    ]
    empty = b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>'
    assert list(read_feed(empty, label="x.rss", pages=None)) == [Failure("x.rss", "feed without entries")]
    no_link = rss([{"title": "t", "description": TEASER}])
    assert list(read_feed(no_link, label="x.rss", pages=None)) == [
        Failure("x.rss#entry 1", "entry has neither a link nor the article text")
    ]


def test_urls_match_without_scheme_slash_fragment_or_percent_encoding() -> None:
    assert url_key(JAWHARA[0].url) == url_key(as_uri(JAWHARA[0].url).replace("http:", "https:") + "/#top")
    assert url_key("https://e.org/a?id=1") != url_key("https://e.org/a?id=2")


def test_a_page_name_two_pages_share_matches_neither(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "index.html").write_text(
            jawhara_page(JAWHARA[0], with_url=False), encoding="utf-8"
        )
    assert Pages(str(tmp_path)).find("https://e.org/news/index.html") is None
    assert Pages(str(tmp_path / "a")).find("https://e.org/news/index.html") is not None
