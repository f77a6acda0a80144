"""The fuzz targets: each takes the bytes atheris makes and runs one reader, or extract, on them.

A Failure (an input refused with its reason) is a fine answer; any exception is a crash, and so is an
answer that breaks the promises later stages rely on: an article or record whose strings cannot be
written as UTF-8, a span that is not the text at its offsets. The readers get their bytes as a file of
the kind they read, through ``read_inputs``, so that dispatch, sniffing and gzip are fuzzed too.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from qawl.ingest import Failure, read_inputs
from qawl.ingest.encoding import decode_bytes, head_text
from qawl.ingest.errors import InvalidInput
from qawl.ingest.inputs import sniff
from qawl.record import Article

# Where the readers' input files are written: a folder the runner (python -m fuzz) removes afterwards.
FOLDER = Path(os.environ.get("QAWL_FUZZ_FILES") or tempfile.mkdtemp(prefix="qawl-fuzz-"))
# Charsets a page or an HTTP header may declare, chosen by the input's first byte (encoding target).
DECLARED = (None, "utf-8", "windows-1256", "iso-8859-6", "latin-1", "utf-16", "koi8-r", "x-bogus", "")
FIELDS = ("text", "id", "source", "url", "published", "title")


def check_article(item: Article | Failure) -> None:
    if isinstance(item, Failure):
        assert isinstance(item.reason, str) and item.reason.strip(), item
        return
    assert isinstance(item, Article), item
    assert item.text.strip(), "an article without text"
    for name in FIELDS:
        value = getattr(item, name)
        assert value is None or isinstance(value, str), (name, value)
        if value is not None:
            value.encode("utf-8")  # a lone surrogate here would crash every writer downstream
            assert "\x00" not in value, name


def read_as(suffix: str) -> Callable[[bytes], None]:
    """A target that writes the bytes as a file named ``*suffix`` and reads it whole."""

    def target(data: bytes) -> None:
        path = FOLDER / f"input{suffix}"
        path.write_bytes(data)
        for item in read_inputs([str(path)]):
            check_article(item)

    target.__name__ = f"read{suffix.replace('.', '_')}"
    return target


def gzip_target(data: bytes) -> None:
    """Gzipped files of each kind: the first byte chooses the kind, the rest are the file's bytes (which
    the seeds make real gzip; mutations cut, garble and bomb them)."""
    kinds = (".txt.gz", ".jsonl.gz", ".warc.gz", ".html.gz", ".rss.gz")
    if data:
        read_as(kinds[data[0] % len(kinds)])(data[1:])


def encoding_target(data: bytes) -> None:
    """decode_bytes with a declared charset chosen by the first byte; head_text and sniff on the rest."""
    declared = DECLARED[data[0] % len(DECLARED)] if data else None
    body = data[1:]
    try:
        decoded = decode_bytes(body, declared=declared)
    except InvalidInput as e:
        assert str(e), "a refusal without a reason"
    else:
        decoded.text.encode("utf-8")
        assert decoded.text.strip()
    head_text(body[:4096]).encode("utf-8", "surrogatepass")
    assert sniff(body[:4096]) in ("text", "jsonl", "html", "warc", "feed")


def extract_target(data: bytes) -> None:
    """qawl.extract on the bytes read as UTF-8 (bad bytes as U+FFFD): a record whose spans are its text."""
    import qawl

    text = data.decode("utf-8", "replace")
    record = qawl.extract(text, published="2016-08-02" if len(data) % 2 else None).to_json()
    record_text = record["text"]
    assert record_text == text.replace("\x00", "\ufffd")
    spans = [m for e in record["entities"] for m in e["mentions"]] + [d for d in record["dates"]]
    for q in record["quotes"]:
        spans += [s for s in (q if q["start"] is not None else None, q["cue"], q["speaker"]) if s]
    for span in spans:
        if span.get("start") is not None:
            assert record_text[span["start"] : span["end"]] == span["text"], span


TARGETS: dict[str, Callable[[bytes], None]] = {
    "text": read_as(".txt"),
    "jsonl": read_as(".jsonl"),
    "html": read_as(".html"),
    "warc": read_as(".warc"),
    "feed": read_as(".rss"),
    "gzip": gzip_target,
    "encoding": encoding_target,
    "extract": extract_target,
}
MAX_LEN = {"extract": 2048, "warc": 16384, "feed": 16384, "html": 16384, "gzip": 16384}  # else 4096
