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
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from qawl.record import Article

STDIN = "-"
GZIP_MAGIC = b"\x1f\x8b"
# Control bytes that text does not contain (all below 0x20 but tab, line feed, vertical tab, form feed and
# carriage return; and DEL). UTF-8 never uses them inside a multi-byte character.
CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
MAX_CONTROL_SHARE = 0.05
OPTIONAL_FIELDS = ("source", "url", "published", "title")


@dataclass(frozen=True, slots=True)
class Failure:
    """An input that was skipped: what it was (a path, ``path:line``) and why."""

    input: str
    reason: str


class InvalidInput(ValueError):
    """Raised by the parsing helpers; its message is the reason shown to the user."""


def decode_text(data: bytes) -> str:
    """The text of a plain-text article, or :class:`InvalidInput` saying why there is none."""
    if not data.strip():
        raise InvalidInput("empty file")
    if _looks_binary(data):
        raise InvalidInput("binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InvalidInput(f"not valid UTF-8 (byte 0x{data[e.start]:02x} at offset {e.start})") from None
    if not text.strip():
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
    if not text.strip():
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


def read_text_files(paths: Iterable[str]) -> Iterator[Article | Failure]:
    """One article per UTF-8 plain-text file; its id is the file name without suffix.

    ``-`` reads one article from standard input (id ``stdin``).
    """
    for path in paths:
        try:
            if path == STDIN:
                data, article_id = sys.stdin.buffer.read(), "stdin"
            else:
                data, article_id = _read_bytes(Path(path)), Path(path).stem
            yield Article(text=decode_text(data), id=article_id)
        except InvalidInput as e:
            yield Failure(path, str(e))


def read_jsonl(path: str) -> Iterator[Article | Failure]:
    """One article per line of a JSON Lines file (gzip-compressed or not; ``-`` for stdin).

    Blank lines are ignored; a bad line is a Failure named ``path:line``. A file
    that cannot be read (or whose compressed stream breaks off) ends with a
    Failure for the file; the articles before the break are kept.
    """
    label = "<stdin>" if path == STDIN else path
    seen_any = False
    try:
        with _open_binary(path) as stream:
            for number, raw in enumerate(stream, start=1):
                if not raw.strip():
                    continue
                if not seen_any and _looks_binary(raw):
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
        yield Failure(label, f"cannot read further: {_describe(e)}")
        return
    if not seen_any:
        yield Failure(label, "empty file")


def _decode_json_line(raw: bytes) -> object:
    try:
        line = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput("not valid UTF-8") from None
    try:
        return json.loads(line)
    except json.JSONDecodeError as e:
        raise InvalidInput(f"not JSON ({e.msg} at column {e.colno})") from None


@contextmanager
def _open_binary(path: str) -> Iterator[BinaryIO]:
    """The bytes of a file or stdin, transparently gunzipped when they start with the gzip magic."""
    if path == STDIN:
        raw: BinaryIO = sys.stdin.buffer
        close = False
    else:
        _check_is_file(Path(path))
        try:
            raw = open(path, "rb")  # closed below
        except OSError as e:
            raise InvalidInput(_describe(e)) from None
        close = True
    try:
        head = raw.peek(2)[:2] if hasattr(raw, "peek") else b""
        yield gzip.GzipFile(fileobj=raw) if head == GZIP_MAGIC else raw  # type: ignore[misc]
    finally:
        if close:
            raw.close()


def _read_bytes(path: Path) -> bytes:
    _check_is_file(path)
    try:
        return path.read_bytes()
    except OSError as e:
        raise InvalidInput(_describe(e)) from None


def _check_is_file(path: Path) -> None:
    if path.is_dir():
        raise InvalidInput("is a directory")
    if not path.exists():
        raise InvalidInput("no such file")


def _looks_binary(data: bytes) -> bool:
    """NUL bytes, or more than a few control bytes in the first 64 KiB."""
    sample = data[:65536]
    controls = len(sample) - len(sample.translate(None, CONTROL_BYTES))
    return b"\x00" in sample or controls > MAX_CONTROL_SHARE * len(sample)


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


def _describe(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror[0].lower() + error.strerror[1:]
    return str(error) or type(error).__name__
