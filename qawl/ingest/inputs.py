"""One entry point for every input: files of any kind, folders, glob patterns, gzip, standard input.

The reader is chosen by ``format`` when given, else by the file's extension (after ``.gz``), else by its
first bytes: ``WARC/1.`` a WARC file, ``{`` JSON Lines, ``<rss``/``<feed``/``<rdf:RDF`` a feed,
``<html``/``<!doctype html`` a page, anything else plain text.
"""

from __future__ import annotations

import glob
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Literal, get_args

from qawl.ingest.encoding import head_text
from qawl.ingest.errors import Failure, InvalidInput
from qawl.ingest.feed import Pages, read_feed
from qawl.ingest.html import html_article
from qawl.ingest.readers import (
    STDIN,
    decode_text,
    gunzipped,
    read_bytes,
    read_head,
    read_jsonl,
    read_stdin,
    without_gz,
)
from qawl.ingest.warc import read_warc
from qawl.record import Article

Format = Literal["text", "jsonl", "html", "warc", "feed"]
FORMATS: tuple[str, ...] = get_args(Format)
EXTENSIONS: dict[str, Format] = {
    ".txt": "text",
    ".text": "text",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".warc": "warc",
    ".rss": "feed",
    ".atom": "feed",
}
GLOB_CHARS = re.compile(r"[*?[]")
HEAD_BYTES = 4096
# The first element that tells a page from a feed; a page's <head> may name its feed, but never as <rss.
FIRST_ELEMENT = re.compile(r"<(rss|feed|rdf:rdf|!doctype\s+html|html|head|body)\b")
FEED_ELEMENTS = frozenset({"rss", "feed", "rdf:rdf"})


def read_inputs(
    inputs: Iterable[str], *, pages: str | None = None, format: str | None = None
) -> Iterator[Article | Failure]:
    """Every article of ``inputs``, in order, or the Failure of what could not be read.

    An input is a file, a folder (its files, recursively, sorted, hidden ones left out), a glob pattern
    (its matches, sorted; ``**`` spans folders) or ``-`` for standard input (JSON Lines unless ``format``
    says otherwise). Any file may be gzipped. ``format`` (text, jsonl, html, warc, feed) forces the reader.
    ``pages`` is the folder or WARC file where feeds find the pages they link to; by default a feed's own
    folder (qawl.ingest.feed).
    """
    if format is not None and format not in FORMATS:
        raise ValueError(f"unknown format {format!r}: one of {', '.join(FORMATS)}")
    known: dict[str, Pages] = {}

    def pages_for(feed: str | None) -> Pages | None:
        location = pages or (str(Path(feed).parent) if feed else None)
        if location is None:
            return None
        return known.setdefault(location, Pages(location))

    for item in inputs:
        if item == STDIN:
            yield from _read_stdin(format, pages_for(None))
            continue
        for path in expand(item):
            if isinstance(path, Failure):
                yield path
            else:
                yield from read_path(path, format=format, pages_for=pages_for)


def expand(item: str) -> Iterator[str | Failure]:
    """The files an input names: itself, a folder's files or a pattern's matches; a Failure for none."""
    path = Path(item)
    if path.is_dir():
        yield from _files_under(path)
    elif path.exists() or not GLOB_CHARS.search(item):
        yield item  # a missing file is the reader's to report
    else:
        matches = sorted(glob.glob(item, recursive=True))
        if not matches:
            yield Failure(item, "no file matches")
        for match in matches:
            if Path(match).is_dir():
                yield from _files_under(Path(match))
            else:
                yield match


def read_path(
    path: str, *, format: str | None = None, pages_for: Callable[[str | None], Pages | None] | None = None
) -> Iterator[Article | Failure]:
    """The articles of one file, read as ``format`` or as its name or first bytes say."""
    try:
        kind = format or kind_by_name(path) or sniff(read_head(path, HEAD_BYTES))
    except InvalidInput as e:
        yield Failure(path, str(e))
        return
    if kind == "jsonl":
        yield from read_jsonl(path)  # streams, line by line
    elif kind == "warc":
        yield from read_warc(path)  # streams, record by record
    else:
        try:
            data = gunzipped(read_bytes(Path(path)))
        except InvalidInput as e:
            yield Failure(path, str(e))
            return
        pages = pages_for(path) if pages_for and kind == "feed" else None
        yield from _read_data(data, kind, label=path, name=_stem(path), pages=pages)


def kind_by_name(path: str) -> Format | None:
    """The reader a file's extension names (``.gz`` looked through), if it names one."""
    return EXTENSIONS.get(Path(without_gz(Path(path).name)).suffix.lower())


def sniff(head: bytes) -> Format:
    """The reader for a file that starts with ``head`` (already gunzipped)."""
    start = head_text(head).lstrip().lower()
    if start.startswith("warc/1."):
        return "warc"
    if start.startswith("{"):
        return "jsonl"
    if start.startswith("<"):
        element = FIRST_ELEMENT.search(start)
        if element:
            return "feed" if element.group(1) in FEED_ELEMENTS else "html"
    return "text"


def _read_data(
    data: bytes, kind: str, *, label: str, name: str, pages: Pages | None
) -> Iterator[Article | Failure]:
    if kind == "feed":
        yield from read_feed(data, label=label, pages=pages)
        return
    try:
        if kind == "html":
            yield html_article(data, name=name)
        else:
            yield Article(text=decode_text(data, detect=True), id=name)
    except InvalidInput as e:
        yield Failure(label, str(e))


def _read_stdin(format: str | None, pages: Pages | None) -> Iterator[Article | Failure]:
    if format in (None, "jsonl"):
        yield from read_jsonl(STDIN)
    elif format == "warc":
        yield from read_warc(STDIN)
    else:
        try:
            data = gunzipped(read_stdin())
        except InvalidInput as e:
            yield Failure("<stdin>", str(e))
            return
        yield from _read_data(data, format, label="<stdin>", name="stdin", pages=pages)


def _files_under(folder: Path) -> Iterator[str | Failure]:
    files = sorted(
        path
        for path in folder.rglob("*")
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(folder).parts)
    )
    if not files:
        yield Failure(str(folder), "no files in the folder")
    yield from map(str, files)


def _stem(path: str) -> str:
    """A file's name without ``.gz`` and its suffix: the id of a text article or a page without URL."""
    return Path(without_gz(Path(path).name)).stem
