"""WARC files to Articles: every HTTP response that carries an HTML page (warcio)."""

from __future__ import annotations

import gzip
import io
import sys
import zlib
from collections.abc import Generator, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from lxml import etree
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from qawl.ingest.encoding import content_type_charset
from qawl.ingest.errors import Failure, InvalidInput, describe
from qawl.ingest.html import html_article
from qawl.ingest.readers import STDIN, check_is_file, gunzipped_head, read_head
from qawl.record import Article

# warcio's message (it has no exception types of its own) for a gzip member holding more than one record.
WHOLE_FILE_GZIP = "non-chunked gzip"
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# What a malformed record raises from warcio (its framing, chunking and compression), lxml and trafilatura.
RECORD_ERRORS = (ArchiveLoadFailed, EOFError, OSError, zlib.error, ValueError, etree.LxmlError)


# A page and the URL it was fetched from (None for a failure that is no page's: a broken record, a bad file).
Page = tuple[str | None, Article | Failure]


def read_warc(path: str) -> Iterator[Article | Failure]:
    """One Article per HTTP response record with an HTML page, in file order (``-``: standard input).

    Other records (requests, metadata, images, redirects, errors) are skipped without a word. A record
    that cannot be read is a Failure named ``path#record N`` (records counted from 1, all kinds); after a
    broken one the file cannot be followed further, so its reading ends there. A page without article text
    is a Failure of its own and the reading goes on. The file may be gzipped record by record (``.warc.gz``)
    or as a whole.
    """
    for _, result in warc_pages(path):
        yield result


def warc_pages(path: str) -> Iterator[Page]:
    """What :func:`read_warc` reads, each with its record's target URI (for feeds to find their pages)."""
    label = "<stdin>" if path == STDIN else path
    # Standard input is kept whole, for the second reading below.
    stdin = sys.stdin.buffer.read() if path == STDIN else None
    try:
        head = gunzipped_head(stdin[:65536]) if stdin is not None else read_head(path)
        if not head.strip():
            raise InvalidInput("empty WARC file")
        # warcio takes any line of five words for an ARC header: a WARC or ARC file says what it is first.
        if not head.startswith((b"WARC/", b"filedesc://")):
            raise InvalidInput("not a WARC file")
        with _open(path, stdin, gunzip=False) as stream:
            # warcio gunzips record by record itself, so that a broken member costs only its own record.
            read = yield from _records(stream, label, skip=0)
        if read is not None:
            # A whole-file gzip, which warcio refuses after its first record: Python's gzip reads it as one
            # stream, so the file is read again that way, from the record where warcio stopped.
            with _open(path, stdin, gunzip=True) as stream:
                yield from _records(stream, label, skip=read)
    except InvalidInput as e:  # no such file, a directory
        yield None, Failure(label, str(e))


@contextmanager
def _open(path: str, stdin: bytes | None, *, gunzip: bool) -> Iterator[BinaryIO]:
    if stdin is not None:
        raw: BinaryIO = io.BytesIO(stdin)
    else:
        check_is_file(Path(path))
        try:
            raw = open(path, "rb")  # closed by the with below
        except OSError as e:
            raise InvalidInput(describe(e)) from None
    with raw:
        yield gzip.GzipFile(fileobj=raw) if gunzip else raw  # type: ignore[misc]


def _records(stream: BinaryIO, label: str, *, skip: int) -> Generator[Page, None, int | None]:
    """Read the records after the first ``skip``; the number read when the file turns out to be a
    whole-file gzip (to be read again gunzipped), else None."""
    number = 0
    records = ArchiveIterator(stream)
    while True:
        number += 1
        name = f"{label}#record {number}"
        try:
            record = next(records)
        except StopIteration:
            break
        except ArchiveLoadFailed as e:
            if skip == 0 and number > 1 and WHOLE_FILE_GZIP in str(e):
                return number - 1
            yield None, Failure(name, f"broken WARC record ({_first_line(e)})")
            return None
        except RECORD_ERRORS as e:
            yield None, Failure(name, f"broken WARC record ({describe(e)})")
            return None
        if number <= skip:
            continue
        url = record_url(record) or None
        try:
            article = page_of(record, name=name)
        except InvalidInput as e:
            yield url, Failure(name, f"{url}: {e}" if url else str(e))
            continue
        except RECORD_ERRORS as e:
            yield url, Failure(name, f"broken WARC record ({describe(e)})")
            return None
        if article is not None:
            yield url, article
    return None


def page_of(record: ArcWarcRecord, *, name: str) -> Article | None:
    """The Article of a response record with an HTML page; None for any other record.

    Its URL and id are the record's target URI (``name`` when it has none)."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    if not record.http_headers.get_statuscode().startswith("2"):
        return None
    content_type = record.http_headers.get_header("Content-Type") or ""
    if content_type.split(";")[0].strip().lower() not in HTML_TYPES:
        return None
    url = record_url(record) or None
    # content_stream() undoes chunked transfer and gzip/deflate/brotli content encoding.
    payload = record.content_stream().read()
    missing = getattr(record.raw_stream, "limit", 0)
    if missing:  # warcio ends a record quietly where the file ends
        raise InvalidInput(f"WARC record cut short ({missing} bytes missing)")
    return html_article(payload, name=name, url=url, charset=content_type_charset(content_type))


def record_url(record: ArcWarcRecord) -> str:
    return record.rec_headers.get_header("WARC-Target-URI") or ""


def _first_line(error: ArchiveLoadFailed) -> str:
    """warcio's message without what follows its first line or quotes the raw bytes."""
    line = next((line.strip() for line in str(error).splitlines() if line.strip()), "unreadable")
    return line.split(", first line:")[0]
