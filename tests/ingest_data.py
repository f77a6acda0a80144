"""Real articles and the files ingest reads them from, built by the tests: the sample articles that ship
with qawl (the seed article, identical to ../shared/eval/dev/seed-aleppo-2016.json, and six Jawhara FM
articles) written as text in each encoding, wrapped in HTML pages, WARC files and RSS feeds."""

from __future__ import annotations

import html
import io
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import quote

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from qawl import samples
from qawl.record import Article

ARTICLES = samples.load()
SEED = ARTICLES[0]
JAWHARA = ARTICLES[1:]
SEED_URL = "https://www.example.org/news/2016/aleppo-talks"
SEED_SITE = "المركز الصحفي السوري"
SEED_HEADLINE = "الخارجية الأمريكية تتجنب التعليق على تصريحات شويغو حول حلب"
# ISO-8859-6 has no curly quotation marks: the seed article as it would be written in it.
SEED_ISO_TEXT = SEED.text.replace("“", '"').replace("”", '"')


def paragraphs(text: str) -> str:
    """A text as the HTML of a feed entry's content: a paragraph a line."""
    return "".join(f"<p>{html.escape(line)}</p>" for line in text.split("\n"))


def rendered(text: str) -> str:
    """A text as a page shows it: runs of spaces (no-break ones too) are one space."""
    return "\n".join(" ".join(line.split()) for line in text.split("\n"))


def page(
    article: Article,
    *,
    title: str | None = None,
    url: str | None = None,
    site: str | None = None,
    published: str | None = None,
    charset: str | None = "utf-8",
) -> str:
    """An article page as news sites build them: navigation, headline, paragraphs, footer. Each paragraph
    is broken over two source lines, as CMS templates do, and ends up on one line of text all the same."""
    head = [f'<meta charset="{charset}">' if charset else "", f"<title>{html.escape(title or '')}</title>"]
    if url:
        head.append(f'<link rel="canonical" href="{url}">')
    if site:
        head.append(f'<meta property="og:site_name" content="{html.escape(site)}">')
    if published:
        head.append(f'<meta property="article:published_time" content="{published}T09:30:00+03:00">')
    paragraphs = "\n".join(
        "<p>" + html.escape(line).replace(" ", "\n      ", 1) + "</p>" for line in article.text.split("\n")
    )
    headline = f"<h1>{html.escape(title)}</h1>" if title else ""
    return (
        f'<!DOCTYPE html>\n<html lang="ar" dir="rtl">\n<head>\n{chr(10).join(head)}\n</head>\n<body>\n'
        '<nav><a href="/">الرئيسية</a> | <a href="/news">أخبار</a> | <a href="/sport">رياضة</a></nav>\n'
        f"<article>\n{headline}\n{paragraphs}\n</article>\n"
        "<footer><p>جميع الحقوق محفوظة</p></footer>\n</body>\n</html>\n"
    )


def seed_page(charset: str | None = "utf-8") -> str:
    return page(
        SEED, title=SEED_HEADLINE, url=SEED_URL, site=SEED_SITE, published=SEED.published, charset=charset
    )


def jawhara_page(article: Article, *, with_url: bool = True) -> str:
    return page(article, title=article.title, url=article.url if with_url else None, site="Jawhara FM")


def as_uri(url: str) -> str:
    """A URL as crawlers write it in WARC headers (ASCII): Arabic percent-encoded."""
    return quote(url, safe=":/?#[]@!$&'()*+,;=%")


def write_warc(path: Path, pages: Iterable[tuple[str, bytes, str]], *, gzip: bool = True) -> Path:
    """A WARC file as a crawler writes it: warcinfo, then a request and a response per URL; ``pages`` are
    (URL, body, Content-Type)."""
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "qawl tests"}))
        for iri, body, content_type in pages:
            url = as_uri(iri)
            request = StatusAndHeaders(f"GET {url} HTTP/1.1", [("Host", "example.org")], is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", http_headers=request))
            response = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            payload = io.BytesIO(body)
            writer.write_record(
                writer.create_warc_record(url, "response", payload=payload, http_headers=response)
            )
    return path


def rss(items: Iterable[dict[str, str]], *, title: str = "Jawhara FM") -> bytes:
    """An RSS 2.0 feed; each item's keys are its elements (``content`` becomes ``content:encoded``)."""
    entries = []
    for item in items:
        fields = "".join(
            f"<content:encoded><![CDATA[{value}]]></content:encoded>"
            if key == "content"
            else f"<{key}>{html.escape(value)}</{key}>"
            for key, value in item.items()
        )
        entries.append(f"<item>{fields}</item>")
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>{html.escape(title)}</title><link>http://www.jawharafm.net/ar</link>"
        f"{''.join(entries)}</channel></rss>\n"
    ).encode()
