"""Read articles from plain-text files and JSON Lines, one result per input.

Every reader yields, in input order, either an :class:`Article` or a
:class:`Failure` naming the input and why it was skipped. A bad input never
raises: the caller reports it and goes on with the rest of the batch.
"""

from __future__ import annotations

import gzip
import json
import sys
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from qawl.ingest.encoding import decode_bytes, is_blank, looks_binary
from qawl.ingest.errors import Failure, InvalidInput, describe
from qawl.record import Article

__all__ = [
    "MAX_BYTES",
    "Failure",
    "InvalidInput",
    "decode_text",
    "parse_article",
    "read_jsonl",
    "read_text_files",
]

STDIN = "-"
GZIP_MAGIC = b"\x1f\x8b"
OPTIONAL_FIELDS = ("source", "url", "published", "title")
# The most bytes read into memory for one input that is read whole (a text file, a page, a feed, a JSON
# Lines line, a WARC record's page; uncompressed): hundreds of times the longest article of the corpora
# (21,119 characters), and a bound on what a crawler's junk (a video saved as .html, a gzip bomb) can
# cost. Analysis has its own, lower limit in characters (qawl.run.limits).
MAX_BYTES = 32 * 2**20
TOO_LARGE = f"larger than {MAX_BYTES // 2**20} MiB: not read"


def decode_text(data: bytes, *, detect: bool = False) -> str:
    """The text of a plain-text article, or :class:`InvalidInput` saying why there is none.

    UTF-8 only, unless ``detect``: then UTF-16 and the Arabic code pages too (qawl.ingest.encoding).
    """
    if detect:
        return decode_bytes(data).text
    if not data.strip():
        raise InvalidInput("empty file")
    if looks_binary(data):
        raise InvalidInput("binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InvalidInput(f"not valid UTF-8 (byte 0x{data[e.start]:02x} at offset {e.start})") from None
    if is_blank(text):
        raise InvalidInput("empty file")
    return text


def parse_article(obj: object) -> Article:
    """An Article from one decoded JSON object (``id``, ``text``, optional metadata)."""
    if not isinstance(obj, dict):
        raise InvalidInput("not a JSON object")
    if "text" not in obj:
        raise InvalidInput('no "text" field')
    text = obj["text"]
    if not isinstance(text, str):
        raise InvalidInput('"text" is not a string')
    if is_blank(text):
        raise InvalidInput('"text" is empty')
    article_id = obj.get("id")
    if article_id is not None and not isinstance(article_id, str | int):
        raise InvalidInput('"id" is neither a string nor a number')
    fields: dict[str, str | None] = {}
    for name in OPTIONAL_FIELDS:
        value = obj.get(name)
        if value is not None and not isinstance(value, str):
            raise InvalidInput(f'"{name}" is not a string')
        fields[name] = value
    article = Article(text=text, id=None if article_id is None else str(article_id), **fields)
    _check_encodable(article)
    return article


def read_text_files(paths: Iterable[str], *, detect: bool = False) -> Iterator[Article | Failure]:
    """One article per plain-text file (UTF-8, or any encoding :func:`decode_bytes` knows with ``detect``);
    its id is the file name without suffix.

    ``-`` reads one article from standard input (id ``stdin``).
    """
    for path in paths:
        try:
            if path == STDIN:
                data, article_id = read_stdin(), "stdin"
            else:
                data, article_id = read_bytes(Path(path)), Path(path).stem
            yield Article(text=decode_text(data, detect=detect), id=article_id)
        except InvalidInput as e:
            yield Failure(path, str(e))


def read_jsonl(path: str) -> Iterator[Article | Failure]:
    """One article per line of a JSON Lines file (gzip-compressed or not; ``-`` for stdin).

    Blank lines are ignored; a bad line (or one over MAX_BYTES, never read whole) is a Failure named
    ``path:line``. A file that cannot be read (or whose compressed stream breaks off) ends with a
    Failure for the file; the articles before the break are kept.
    """
    label = "<stdin>" if path == STDIN else path
    seen_any = False
    try:
        with _open_binary(path) as stream:
            for number, raw in enumerate(_lines(stream, MAX_BYTES), start=1):
                if raw is None:
                    seen_any = True
                    yield Failure(f"{label}:{number}", f"line {TOO_LARGE}")
                    continue
                if not raw.strip():
                    continue
                if not seen_any and looks_binary(raw):
                    yield Failure(label, "binary file, not JSON Lines")
                    return
                seen_any = True
                try:
                    yield parse_article(_decode_json_line(raw))
                except InvalidInput as e:
                    yield Failure(f"{label}:{number}", str(e))
    except InvalidInput as e:
        yield Failure(label, str(e))
        return
    except (OSError, EOFError, zlib.error) as e:
        yield Failure(label, f"cannot read further: {describe(e)}")
        return
    if not seen_any:
        yield Failure(label, "empty file")


def _lines(stream: BinaryIO, limit: int) -> Iterator[bytes | None]:
    """The lines of a stream, None for one longer than ``limit`` bytes (skipped, never held whole)."""
    while line := stream.readline(limit + 1):
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := stream.readline(2**20)) and not rest.endswith(b"\n"):
                pass
            yield None
        else:
            yield line


def _decode_json_line(raw: bytes) -> object:
    try:
        line = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput("not valid UTF-8") from None
    try:
        return json.loads(line)
    except json.JSONDecodeError as e:
        raise InvalidInput(f"not JSON ({e.msg} at column {e.colno})") from None
    except RecursionError:  # [[[[… thousands deep: the decoder recurses
        raise InvalidInput("not JSON (nested too deeply)") from None
    except ValueError as e:  # an integer of more than 4,300 digits
        raise InvalidInput(f"not JSON ({e})") from None


@contextmanager
def _open_binary(path: str) -> Iterator[BinaryIO]:
    """The bytes of a file or stdin, transparently gunzipped when they start with the gzip magic."""
    if path == STDIN:
        raw: BinaryIO = sys.stdin.buffer
        close = False
    else:
        check_is_file(Path(path))
        try:
            raw = open(path, "rb")  # closed below
        except OSError as e:
            raise InvalidInput(describe(e)) from None
        close = True
    try:
        head = raw.peek(2)[:2] if hasattr(raw, "peek") else b""
        yield gzip.GzipFile(fileobj=raw) if head == GZIP_MAGIC else raw  # type: ignore[misc]
    finally:
        if close:
            raw.close()


def read_head(path: str, size: int = 4096) -> bytes:
    """The first ``size`` bytes of a file, gunzipped when it is gzipped, or :class:`InvalidInput`."""
    check_is_file(Path(path))
    try:
        with open(path, "rb") as file:
            raw = file.read(65536)
    except OSError as e:
        raise InvalidInput(describe(e)) from None
    return gunzipped_head(raw, size)


def gunzipped_head(raw: bytes, size: int = 4096) -> bytes:
    """The first ``size`` bytes that the start of a file holds, gunzipped when it is gzipped."""
    if not raw.startswith(GZIP_MAGIC):
        return raw[:size]
    try:
        return zlib.decompressobj(wbits=31).decompress(raw, size)
    except zlib.error as e:
        raise InvalidInput(f"broken gzip file ({e})") from None


def without_gz(name: str) -> str:
    """A file name without its ``.gz``: what the name says the content is."""
    return name[:-3] if name.lower().endswith(".gz") else name


def gunzipped(data: bytes, limit: int = MAX_BYTES) -> bytes:
    """``data`` uncompressed when it starts with the gzip magic, else as it is; :class:`InvalidInput`
    when broken or larger than ``limit`` bytes uncompressed (a gzip bomb is never inflated whole)."""
    if not data.startswith(GZIP_MAGIC):
        return data
    out: list[bytes] = []
    size = 0
    rest = data
    try:
        while rest.startswith(GZIP_MAGIC):  # one member after another, as gzip.decompress reads them
            member = zlib.decompressobj(wbits=31)
            chunk = member.decompress(rest, limit + 1 - size)
            size += len(chunk)
            if size > limit:
                raise InvalidInput(f"{TOO_LARGE} (uncompressed)")
            if not member.eof:
                raise InvalidInput("broken gzip file (cut short)")
            out.append(chunk)
            rest = member.unused_data
    except zlib.error as e:
        raise InvalidInput(f"broken gzip file ({e})") from None
    return b"".join(out)  # trailing bytes that start no gzip member (padding, junk) are left out


def read_bytes(path: Path) -> bytes:
    """The bytes of a file, or :class:`InvalidInput`: no such file, a directory, unreadable, too large."""
    check_is_file(path)
    try:
        with path.open("rb") as file:
            data = file.read(MAX_BYTES + 1)
    except OSError as e:
        raise InvalidInput(describe(e)) from None
    if len(data) > MAX_BYTES:
        raise InvalidInput(TOO_LARGE)
    return data


def read_stdin() -> bytes:
    """Standard input, whole, or :class:`InvalidInput` when it is too large to be one input."""
    data = sys.stdin.buffer.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise InvalidInput(TOO_LARGE)
    return data


def check_is_file(path: Path) -> None:
    if path.is_dir():
        raise InvalidInput("is a directory")
    if not path.exists():
        raise InvalidInput("no such file")


def _check_encodable(article: Article) -> None:
    """JSON escapes can smuggle in lone surrogates, which no UTF-8 output can carry."""
    for name in ("text", "id", *OPTIONAL_FIELDS):
        value = getattr(article, name)
        if value is None:
            continue
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise InvalidInput(f'"{name}" is not valid Unicode (lone surrogate)') from None
