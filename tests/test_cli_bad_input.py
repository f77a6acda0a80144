"""Bad input never stops a batch: each bad input is one line on stderr, the rest comes out, exit 1."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from qawl.cli import main
from qawl.record import Article

ROOT = Path(__file__).resolve().parents[1]
GOOD = "قال المتحدث باسم الحكومة إن الوضع مستقر."


@pytest.fixture
def batch(tmp_path: Path) -> tuple[list[str], dict[str, str]]:
    """Inputs in order, good ones among them, and the message each bad one must get."""
    (tmp_path / "good1.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "good2.txt").write_text(GOOD + " ثانية", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    (tmp_path / "cp1256.txt").write_bytes(GOOD.encode("cp1256"))
    (tmp_path / "folder").mkdir()
    names = ["good1.txt", "empty.txt", "image.txt", "cp1256.txt", "folder", "missing.txt", "good2.txt"]
    # cp1256.txt is no bad input: Windows-1256 is read as what it is (qawl/ingest/encoding.py)
    paths = [str(tmp_path / n) for n in names]
    messages = {
        "empty.txt": "empty file",
        "image.txt": "binary file, not text",
        "folder": "no files in the folder",
        "missing.txt": "no such file",
    }
    return paths, {str(tmp_path / n): reason for n, reason in messages.items()}


def test_each_bad_file_is_named_and_the_good_ones_come_out(batch: tuple[list[str], dict[str, str]]) -> None:
    paths, messages = batch
    result = CliRunner().invoke(main, ["extract", *paths])
    assert result.exit_code == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in records] == ["good1", "cp1256", "good2"]
    assert records[1]["text"] == GOOD
    assert result.stderr.splitlines() == [f"qawl: skipped {p}: {reason}" for p, reason in messages.items()]
    assert "Traceback" not in result.output


def test_bad_jsonl_lines(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(
        "\n".join(
            [
                json.dumps({"id": "a", "text": GOOD}, ensure_ascii=False),
                "{broken",
                json.dumps({"id": "b", "title": "لا نص"}, ensure_ascii=False),
                json.dumps({"id": "c", "text": GOOD}, ensure_ascii=False),
            ]
        ),
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["extract", "--jsonl", str(path), str(tmp_path / "none.jsonl")])
    assert result.exit_code == 1
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["a", "c"]
    assert result.stderr.splitlines() == [
        f"qawl: skipped {path}:2: not JSON (Expecting property name enclosed in double quotes at column 2)",
        f'qawl: skipped {path}:3: no "text" field',
        f"qawl: skipped {tmp_path / 'none.jsonl'}: no such file",
    ]


def _fails_on_b(article: Article) -> object:
    if article.id == "b":
        raise ValueError("a bug\nover two lines")
    from qawl.pipeline import analyse

    return analyse(article)


def test_an_exception_in_analysis_skips_only_that_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in "abc":
        (tmp_path / f"{name}.txt").write_text(GOOD, encoding="utf-8")
    monkeypatch.setattr("qawl.run.pool.analyse", _fails_on_b)
    result = CliRunner().invoke(main, ["extract", *(str(tmp_path / f"{n}.txt") for n in "abc")])
    assert result.exit_code == 1
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["a", "c"]
    assert result.stderr == "qawl: skipped b: analysis failed: ValueError: a bug over two lines\n"


def test_through_python_m_qawl_with_two_workers(batch: tuple[list[str], dict[str, str]]) -> None:
    paths, messages = batch
    done = subprocess.run(
        [sys.executable, "-m", "qawl", "extract", "--workers", "2", *paths],
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, "LC_ALL": "C"},
        timeout=60,
    )
    assert done.returncode == 1
    stderr = done.stderr.decode("utf-8")
    assert "Traceback" not in stderr
    assert stderr.splitlines() == [f"qawl: skipped {p}: {reason}" for p, reason in messages.items()]
    assert [json.loads(line)["id"] for line in done.stdout.decode("utf-8").splitlines()] == [
        "good1",
        "cp1256",
        "good2",
    ]


# ant2-BB-middleEast-1083: a quotation whose closing mark the article forgot
UNBALANCED = (
    'وقال ترامب "هذا الوضع خطير جدا بالنسبة لنا ولا يمكننا أن ندع شيئا مماثلا يحدث.\nوأضاف أنه على اتصال بها.'
)


def test_unbalanced_quotation_marks_warn_and_still_give_a_record(tmp_path: Path) -> None:
    (tmp_path / "open.txt").write_text(UNBALANCED, encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(tmp_path / "open.txt")])
    assert result.exit_code == 0
    assert "Traceback" not in result.output
    record = json.loads(result.stdout.splitlines()[0])
    assert record["warnings"] and "unbalanced quotation mark" in record["warnings"][0]
    assert "qawl: warning open: unbalanced quotation mark at character 11" in result.stderr
    quote = record["quotes"][0]
    assert record["text"][quote["start"] : quote["end"]] == quote["text"]
    assert quote["text"].startswith("هذا الوضع خطير")
