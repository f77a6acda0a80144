"""Input for the batch runner's tests: real dev articles as a JSON Lines file with a broken line
among them, and what one process makes of it (computed once a session)."""

from __future__ import annotations

import json
import os
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

from qawl.ingest.readers import Failure, read_jsonl
from qawl.record import Record
from qawl.run import analyse_or_fail
from qawl.run.sinks import json_line
from tests.store_data import dev_articles

ARTICLES = 12
BROKEN_LINE = 4  # a line that is not JSON: a Failure among the articles, and the rest goes on
FIELDS = ("id", "text", "source", "url", "published", "title")


def write_inputs(path: Path) -> Path:
    lines = [
        json.dumps({f: getattr(a, f) for f in FIELDS if getattr(a, f) is not None}, ensure_ascii=False)
        for a in dev_articles(ARTICLES)
    ]
    lines.insert(BROKEN_LINE - 1, "{not json")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def comparable(result: Record | Failure) -> Any:
    """A result as data to compare: a record's JSON, a failure's line and reason."""
    if isinstance(result, Failure):
        return ("failure", result.input.rsplit(":", 1)[-1], result.reason)
    return result.to_json()


@cache
def expected() -> tuple[Any, ...]:
    """What one process makes of the input, result after result, in input order."""
    with tempfile.TemporaryDirectory() as folder:
        path = write_inputs(Path(folder) / "reference.jsonl")
        return tuple(comparable(analyse_or_fail(x)) for x in read_jsonl(str(path)))


def line_and_process(record: Record) -> tuple[int, str]:
    """An encoder that says where it ran: the process, and the record's JSON line."""
    return os.getpid(), json_line(record)
