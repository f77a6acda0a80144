"""WARC files to Articles: every HTTP response that carries an HTML page (warcio)."""

from __future__ import annotations

import io
import sys
import zlib
from collections.abc import Generator, Iterator
from contextlib import contextmanager, redirect_stderr
from pathlib import Path
from typing import BinaryIO

from lxml import etree
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from qawl.ingest.encoding import content_type_charset
from qawl.ingest.errors import Failure, InvalidInput, describe
from qawl.ingest.html import html_article
from qawl.ingest.readers import (
    GZIP_MAGIC,
    MAX_BYTES,
    STDIN,
    TOO_LARGE,
    check_is_file,
    gunzipped_head,
    read_head,
)
from qawl.record import Article

# warcio's message (it has no exception types of its own) for a gzip member holding more than one record.
WHOLE_FILE_GZIP = "non-chunked gzip"
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# What a malformed record raises from warcio (its framing, chunking and compression), lxml and trafilatura.
RECORD_ERRORS = (ArchiveLoadFailed, EOFError, OSError, zlib.error, ValueError, etree.LxmlError)
# Where a record may start, looked for after a broken one: a gzip member (a .warc.gz compressed record by
# record), else a WARC header at the start of a line.
MEMBER_START = GZIP_MAGIC + b"\x08"
HEADER_START = b"\nWARC/1."
SCAN_BYTES = 2**20


# A page and the URL it was fetched from (None for a failure that is no page's: a broken record, a bad file).
Page = tuple[str | None, Article | Failure]


def read_warc(path: str) -> Iterator[Article | Failure]:
    """One Article per HTTP response record with an HTML page, in file order (``-``: standard input).

    Other records (requests, metadata, images, redirects, errors) are skipped without a word. A record
    that cannot be read is a Failure named ``path#record N`` (records counted from 1, all kinds), and the
    reading goes on at the next record start found after it (a gzip member, or a ``WARC/1.`` line), so that
    one broken record (a wrong Content-Length, junk between records, a damaged gzip member) costs only
    itself. A page without article text is a Failure of its own. The file may be gzipped record by record
    (``.warc.gz``) or as a whole. A file that holds no HTML page at all is a Failure too.
    """
    nothing = True
    for _, result in warc_pages(path):
        nothing = False
        yield result
    if nothing:  # said, as for an empty folder or feed: a file that gives nothing is no silent success
        yield Failure("<stdin>" if path == STDIN else path, "no HTML page in the WARC file")


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
            # A whole-file gzip, which warcio refuses after its first record: the file is read again as
            # one gzip stream, from the record where warcio stopped.
            with _open(path, stdin, gunzip=True) as stream:
                yield from _records(stream, label, skip=read)
                if isinstance(stream, Gunzipped) and stream.cut:
                    yield (
                        None,
                        Failure(label, "gzip stream cut short: the records after the last one read are lost"),
                    )
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
        yield Gunzipped(raw) if gunzip else raw  # type: ignore[misc]


class Gunzipped(io.RawIOBase):
    """A whole-file gzip stream, decompressed as it is read, that simply ends where the file is cut short
    (and says so in ``cut``): Python's GzipFile raises EOFError there instead, which warcio takes for the
    end of the file, losing the records decompressed before the cut without a word. Seeking (to read on
    after a broken record) decompresses again from the start when it goes back."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw = raw
        self.cut = False
        self._start()

    def _start(self) -> None:
        self.raw.seek(0)
        self._inflate = zlib.decompressobj(wbits=31)
        self._pending = b""
        self._position = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if whence != io.SEEK_SET:
            raise io.UnsupportedOperation("only absolute seeks")
        if offset < self._position:
            self._start()
        while self._position < offset and self.read(min(SCAN_BYTES, offset - self._position)):
            pass
        return self._position

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        while not self._pending:
            if self._inflate.eof:  # a member ends: another may follow (gzip -c a b), else the file ends
                rest = self._inflate.unused_data or self.raw.read(SCAN_BYTES)
                if not rest.startswith(GZIP_MAGIC):
                    return 0
                self._inflate = zlib.decompressobj(wbits=31)
                self._pending = self._inflate.decompress(rest)
                continue
            data = self.raw.read(SCAN_BYTES)
            if not data:
                self.cut = True
                return 0
            self._pending = self._inflate.decompress(data)
        n = min(len(buffer), len(self._pending))
        buffer[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        self._position += n
        return n


def _records(stream: BinaryIO, label: str, *, skip: int) -> Generator[Page, None, int | None]:
    """Read the records after the first ``skip``; the number read when the file turns out to be a
    whole-file gzip (to be read again gunzipped), else None."""
    marker = MEMBER_START if _peek(stream, 2) == GZIP_MAGIC else HEADER_START
    number = 0
    resumed = False  # reading again after a broken record, from where the next one seems to start
    while True:
        records = ArchiveIterator(stream)
        failure: Failure | None = None
        while failure is None:
            number += 1
            name = f"{label}#record {number}"
            try:
                with redirect_stderr(io.StringIO()):  # warcio prints its doubts on Content-Length there
                    record = next(records)
            except StopIteration:
                return None
            except ArchiveLoadFailed as e:
                if skip == 0 and number > 1 and not resumed and WHOLE_FILE_GZIP in str(e):
                    return number - 1
                failure = Failure(name, f"broken WARC record ({_first_line(e)})")
                break
            except Exception as e:  # RECORD_ERRORS, and warcio's own bugs on malformed records
                failure = Failure(name, f"broken WARC record ({_why(e)})")
                break
            resumed = False
            if number <= skip:
                continue
            url = record_url(record) or None
            try:
                article = page_of(record, name=name)
            except InvalidInput as e:
                yield url, Failure(name, f"{url}: {e}" if url else str(e))
                continue
            except Exception as e:  # RECORD_ERRORS, and warcio's own bugs on malformed records
                failure = Failure(name, f"broken WARC record ({_why(e)})")
                break
            if article is not None:
                yield url, article
        if resumed and marker == MEMBER_START:
            # The gzip magic occurs inside compressed data too: no record was there, nothing to report.
            number -= 1
        else:
            yield None, failure
        restart = _find(stream, marker, records.offset + 1)
        if restart is None:
            return None
        stream.seek(restart)
        resumed = True


def _peek(stream: BinaryIO, size: int) -> bytes:
    position = stream.tell()
    head = stream.read(size)
    stream.seek(position)
    return head


def _find(stream: BinaryIO, marker: bytes, start: int) -> int | None:
    """The offset of the next record start at or after ``start``, None at the end (or on a stream that
    cannot seek)."""
    try:
        stream.seek(start)
        carried = b""
        while chunk := stream.read(SCAN_BYTES):
            window = carried + chunk
            found = window.find(marker)
            if found >= 0:
                return start - len(carried) + found + (1 if marker == HEADER_START else 0)
            carried = window[-(len(marker) - 1) :]
            start += len(chunk)
    except (OSError, EOFError, zlib.error):
        pass
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
    payload = record.content_stream().read(MAX_BYTES + 1)
    if len(payload) > MAX_BYTES:
        raise InvalidInput(f"page {TOO_LARGE}")
    missing = getattr(record.raw_stream, "limit", 0)
    if missing:  # warcio ends a record quietly where the file ends
        raise InvalidInput(f"WARC record cut short ({missing} bytes missing)")
    return html_article(payload, name=name, url=url, charset=content_type_charset(content_type))


def record_url(record: ArcWarcRecord) -> str:
    return record.rec_headers.get_header("WARC-Target-URI") or ""


def _why(error: Exception) -> str:
    """The reason of an error that reading a record raised: its own words when it is one of those a
    malformed record is known to raise, else its type too (an AttributeError deep in warcio, say)."""
    return describe(error) if isinstance(error, RECORD_ERRORS) else f"{type(error).__name__}: {error}"


def _first_line(error: ArchiveLoadFailed) -> str:
    """warcio's message without what follows its first line or quotes the raw bytes."""
    line = next((line.strip() for line in str(error).splitlines() if line.strip()), "unreadable")
    return line.split(", first line:")[0]
