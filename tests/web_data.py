"""The store the web tests read: real dev articles, one republished by a second outlet, and
one whose text and metadata carry HTML meant to run in a reader's browser."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

from qawl.record import Article
from qawl.store.database import connect
from tests.conftest import fresh_store
from tests.store_data import dev_articles, seed

REPUBLISHED = "ant2-BB-middleEast-1083-20181011"  # carried again by MIRROR
MIRROR = "Mirror Outlet (mirror.example)"
HOSTILE_ID = "hostile-1"
HOSTILE = '<script>alert("qawl")</script><img src=x onerror="alert(1)">'


def hostile() -> Article:
    """The seed article with the hostile HTML opening every paragraph, its title and its outlet."""
    a = seed()
    text = "\n".join(HOSTILE + line for line in a.text.split("\n"))
    return replace(a, text=text, id=HOSTILE_ID, title=HOSTILE + (a.title or ""), source=HOSTILE + " News")


def web_articles() -> list[Article]:
    articles = dev_articles(12)
    original = next(a for a in articles if a.id == REPUBLISHED)
    copy = replace(original, id="mirror-1083", source=MIRROR, url="https://mirror.example/1083")
    return [*articles, copy, hostile()]


@contextmanager
def filled_store(kind: str, folder: Path) -> Iterator[str]:
    from qawl.store.ingest import ingest

    with fresh_store(kind, folder) as target:
        engine = connect(target)
        ingest(engine, web_articles())
        engine.dispose()
        yield target


class Marks(HTMLParser):
    """The highlighted stretches of a page: (classes, start, end, text) of each element that
    carries data-start, and every tag with its attributes (to look for what may run)."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.marks: list[tuple[set[str], int, int, str]] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self._open: dict[str, str | None] | None = None
        self._text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if "data-start" in dict(attrs):
            self._open, self._text = dict(attrs), []

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._open is not None and tag in ("mark", "a"):
            a = self._open
            classes = set((a.get("class") or "").split())
            self.marks.append(
                (classes, int(a["data-start"] or 0), int(a["data-end"] or 0), "".join(self._text))
            )
            self._open = None
