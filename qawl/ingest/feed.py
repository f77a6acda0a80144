"""RSS and Atom feeds to Articles: each entry's linked page, found in a WARC file or a folder of pages.

A feed lists articles; their text is in the pages it links to. Where a page is found:

- in a WARC file: the response record whose target URI is the entry's link;
- in a folder, searched recursively: its WARC files, as above, and its pages (``.html``, ``.htm``,
  ``.xhtml``, gzipped or not): the page whose canonical URL (``<link rel="canonical">``, else
  ``og:url``) is the link, else the one page whose file name without suffix is the link's last path
  segment (``…/article/106/85769`` → ``85769.html``).

URLs are compared without scheme, fragment, trailing slash or percent-encoding. When no page is found (or
the page has no text), the entry's own content stands in (``content:encoded``, Atom ``content``), or its
summary when it is long enough to be the article rather than a teaser; else the entry is a Failure
saying so. The page's date, title and site win over the entry's, which fill what the page lacks.
"""

from __future__ import annotations

import dataclasses
import io
import time
from collections import defaultdict
from collections.abc import Iterator
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

from qawl.ingest.errors import Failure, InvalidInput
from qawl.ingest.html import fragment_text, html_article
from qawl.ingest.readers import gunzipped, read_bytes, without_gz
from qawl.ingest.warc import warc_pages
from qawl.record import Article

PAGE_SUFFIXES = (".html", ".htm", ".xhtml")
HTML_TYPES = ("text/html", "application/xhtml+xml")
# A summary this long is the article itself, not a teaser (one to three sentences, 150-300 characters).
MIN_SUMMARY_CHARS = 500
# What expat says of a document that ends too early: a feed cut short (a download that broke off).
CUT_SHORT = ("no element found", "unclosed token", "unclosed CDATA section")


class Pages:
    """The pages a feed's links point to, in a WARC file or a folder; read once, on first use."""

    def __init__(self, location: str) -> None:
        self.location = location
        self._by_url: dict[str, Article | Failure] = {}
        self._by_name: dict[str, list[Article | Failure]] = defaultdict(list)
        self._read = False
        self.problem: str | None = None  # why nothing could be looked up there

    def find(self, link: str) -> Article | Failure | None:
        """The page of ``link``, the Failure of its page, or None when no page is the link's."""
        if not self._read:
            self._read_pages()
            self._read = True
        found = self._by_url.get(url_key(link))
        if found is not None:
            return found
        named = {id(page): page for name in link_names(link) for page in self._by_name.get(name, [])}
        return next(iter(named.values())) if len(named) == 1 else None  # a name two pages share says nothing

    def _read_pages(self) -> None:
        location = Path(self.location)
        if not location.is_dir():
            self.problem = self._read_warc(self.location)
            return
        for path in sorted(location.rglob("*")):
            if not path.is_file():
                continue
            if without_gz(path.name).lower().endswith(".warc"):
                self._read_warc(str(path))
            elif stem := _page_stem(path.name):
                page = _read_page(path, stem)
                if isinstance(page, Article) and page.url:
                    self._by_url.setdefault(url_key(page.url), page)
                self._by_name[stem].append(page)

    def _read_warc(self, path: str) -> str | None:
        """Index a WARC file's pages by the URLs they were fetched from; why it could not be read, if so."""
        problem = None
        for url, page in warc_pages(path):
            if url:
                self._by_url.setdefault(url_key(url), page)
            elif isinstance(page, Failure) and page.input == path:
                problem = page.reason
        return problem


def read_feed(data: bytes, *, label: str, pages: Pages | None) -> Iterator[Article | Failure]:
    """One Article per entry of an RSS or Atom feed (its bytes; ``label`` names it in failures)."""
    import feedparser  # here: most runs read no feed

    if not data.strip():
        yield Failure(label, "empty file")
        return
    try:
        # A stream, not bytes: feedparser fetches a string that looks like a URL.
        feed = feedparser.parse(io.BytesIO(data))
    except Exception as e:  # feedparser's own bugs (a garbled encoding declaration raises from inside it)
        yield Failure(label, f"not an RSS or Atom feed ({type(e).__name__}: {e})")
        return
    if not feed.get("entries"):
        # .get: what feedparser makes of some inputs (an empty one) has no "version" at all
        reason = (
            "not an RSS or Atom feed"
            if feed.get("bozo") or not feed.get("version")
            else "feed without entries"
        )
        yield Failure(label, reason)
        return
    source = feed.get("feed", {}).get("title") or None
    for number, entry in enumerate(feed.entries, start=1):
        yield _entry_article(entry, name=f"{label}#entry {number}", source=source, pages=pages)
    error = feed.get("bozo_exception")
    why = error.getMessage() if hasattr(error, "getMessage") else ""
    if why in CUT_SHORT:  # said, so that the entries that were never in the file are not lost silently
        yield Failure(
            label,
            f"feed cut short ({why}): entry {len(feed.entries)} may be incomplete, any after it are missing",
        )


def _entry_article(entry: Any, *, name: str, source: str | None, pages: Pages | None) -> Article | Failure:
    link = entry.get("link") or None
    page = pages.find(link) if pages and link else None
    meta = {"published": entry_date(entry), "title": entry.get("title") or None, "source": source}
    if isinstance(page, Article):
        filled = {k: v for k, v in meta.items() if getattr(page, k) is None}
        if link and page.url is None:
            filled.update(url=link, id=link)
        return dataclasses.replace(page, **filled)
    text = _entry_text(entry)
    if text:
        return Article(text=text, id=link or name, url=link, **meta)
    if isinstance(page, Failure):
        return Failure(name, f"linked page {link}: {page.reason}")
    if not link:
        return Failure(name, "entry has neither a link nor the article text")
    where = f"in {pages.location}" if pages else "(no pages given)"
    if pages and pages.problem:
        where += f" ({pages.problem})"
    return Failure(name, f"linked page {link} not found {where}")


def _entry_text(entry: Any) -> str | None:
    """The article text the entry carries: its full content, else a summary long enough to be the article."""
    for content in entry.get("content", []):
        text = _as_text(content)
        if text:
            return text
    summary = entry.get("summary_detail")
    text = _as_text(summary) if summary else None
    return text if text and len(text) >= MIN_SUMMARY_CHARS else None


def _as_text(detail: Any) -> str | None:
    value = detail.get("value") or ""
    if detail.get("type") in HTML_TYPES:
        try:
            return fragment_text(value)
        except InvalidInput:
            return None
    return "\n".join(line.strip() for line in value.splitlines() if line.strip()) or None


def entry_date(entry: Any) -> str | None:
    """The entry's date (published, else updated) as YYYY-MM-DD, in the publisher's own time zone."""
    for key in ("published", "updated"):
        raw = entry.get(key)
        if not raw:
            continue
        try:
            return parsedate_to_datetime(raw).date().isoformat()  # RSS: RFC 822
        except (TypeError, ValueError):
            pass
        try:
            return datetime.fromisoformat(raw).date().isoformat()  # Atom: RFC 3339
        except ValueError:
            pass
        parsed = entry.get(f"{key}_parsed")  # what feedparser made of other forms, in UTC
        if parsed:
            return time.strftime("%Y-%m-%d", parsed)
    return None


def url_key(url: str) -> str:
    """A URL as links and pages are matched: no scheme, fragment, trailing slash or percent-encoding (a
    URL that does not parse, such as ``https://exampl]e.org``, as it is)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url.strip()
    key = parts.netloc.lower() + unquote(parts.path).rstrip("/")
    return f"{key}?{unquote(parts.query)}" if parts.query else key


def link_names(link: str) -> set[str]:
    """Names a link's page file may have (less suffix): its last path segment, with or without suffix."""
    try:
        path = urlsplit(link).path
    except ValueError:  # no URL: no name
        return set()
    segment = PurePosixPath(unquote(path).rstrip("/")).name
    return {segment, PurePosixPath(segment).stem} - {""}


def _page_stem(name: str) -> str | None:
    """The name of a page file without its suffix (and ``.gz``); None when it is not a page."""
    base = without_gz(name)
    for suffix in PAGE_SUFFIXES:
        if base.lower().endswith(suffix):
            return base[: -len(suffix)]
    return None


def _read_page(path: Path, stem: str) -> Article | Failure:
    try:
        return html_article(gunzipped(read_bytes(path)), name=stem)
    except InvalidInput as e:
        return Failure(str(path), str(e))
