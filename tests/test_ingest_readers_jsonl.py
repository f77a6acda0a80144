"""JSON Lines articles: plain or gzip, files or stdin, a Failure per bad line or broken file."""

from __future__ import annotations

import gzip
import io
import json
import sys
from pathlib import Path

import pytest

from qawl.ingest.readers import Failure, read_jsonl
from qawl.record import Article

GOOD = {"id": "a1", "text": "قالت الوزارة إن …", "published": "2018-05-01", "source": "x", "title": None}


def _lines(*objects: object) -> bytes:
    return b"".join(
        (o if isinstance(o, bytes) else json.dumps(o, ensure_ascii=False).encode("utf-8")) + b"\n"
        for o in objects
    )


def test_objects_become_articles_and_unknown_fields_are_ignored(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(_lines({**GOOD, "category": "politic"}, {"text": "نص", "id": 7}))
    assert list(read_jsonl(str(path))) == [
        Article(text=GOOD["text"], id="a1", published="2018-05-01", source="x"),
        Article(text="نص", id="7"),
    ]


def test_gzip_is_read_by_its_content(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl.gz"
    path.write_bytes(gzip.compress(_lines(GOOD, GOOD)))
    assert [a.id for a in read_jsonl(str(path))] == ["a1", "a1"]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (b"{not json", "not JSON (Expecting property name enclosed in double quotes at column 2)"),
        (b'["a list"]', "not a JSON object"),
        (b'{"id": "x"}', 'no "text" field'),
        (b'{"id": "x", "text": 3}', '"text" is not a string'),
        (b'{"id": "x", "text": "  "}', '"text" is empty'),
        (b'{"id": "x", "text": "t", "published": 2018}', '"published" is not a string'),
        (b'{"id": "x", "text": "\\ud800"}', '"text" is not valid Unicode (lone surrogate)'),
        (b'{"id": "x", "text": "\xe2"}', "not valid UTF-8"),
    ],
)
def test_a_bad_line_is_a_failure_and_the_next_lines_are_read(
    line: bytes, reason: str, tmp_path: Path
) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(_lines(GOOD, line, b"", GOOD))
    results = list(read_jsonl(str(path)))
    assert results[1] == Failure(f"{path}:2", reason)
    assert [type(r) for r in results] == [Article, Failure, Article]


def test_a_truncated_gzip_keeps_what_came_before(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl.gz"
    data = gzip.compress(_lines(*[GOOD] * 200))
    path.write_bytes(data[: len(data) // 2])
    results = list(read_jsonl(str(path)))
    assert isinstance(results[-1], Failure)
    assert results[-1].input == str(path)
    assert results[-1].reason.startswith("cannot read further")
    assert all(isinstance(r, Article) for r in results[:-1])


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"\n\n", "empty file"),
        (b"\x00\x01\x02\x03binary\n", "binary file, not JSON Lines"),
    ],
)
def test_files_without_articles(content: bytes, reason: str, tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(content)
    assert list(read_jsonl(str(path))) == [Failure(str(path), reason)]


def test_missing_file_and_directory(tmp_path: Path) -> None:
    assert list(read_jsonl(str(tmp_path / "no.jsonl"))) == [
        Failure(str(tmp_path / "no.jsonl"), "no such file")
    ]
    assert list(read_jsonl(str(tmp_path))) == [Failure(str(tmp_path), "is a directory")]


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin = io.TextIOWrapper(io.BufferedReader(io.BytesIO(_lines(GOOD, b"oops"))), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    results = list(read_jsonl("-"))
    assert results[0] == Article(text=GOOD["text"], id="a1", published="2018-05-01", source="x")
    assert results[1] == Failure("<stdin>:2", "not JSON (Expecting value at column 1)")
