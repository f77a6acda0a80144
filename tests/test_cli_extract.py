"""qawl extract: one record a line, in input order, whatever the analysis finds."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from qawl import samples
from qawl.cli import main

ROOT = Path(__file__).resolve().parents[1]
TEXTS = {
    "one": "قال وزير الخارجية إن المحادثات ستستأنف الأسبوع المقبل.",
    "two": "وأكدت الوزارة في بيان: «لن نقبل بأي تأجيل».",
    "three": "ذكرت وكالة الأنباء أن الاجتماع انتهى دون اتفاق.",
}


def run(*args: str, input: str | bytes | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=input)


def records(result: Result) -> list[dict]:
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.fixture
def articles(tmp_path: Path) -> list[str]:
    paths = []
    for name, text in TEXTS.items():
        path = tmp_path / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths


def test_one_record_per_file_in_input_order(articles: list[str]) -> None:
    result = run("extract", *reversed(articles))
    assert result.exit_code == 0, result.stderr
    got = records(result)
    assert [r["id"] for r in got] == ["three", "two", "one"]
    assert all(r["format"] == "qawl/2" for r in got)
    assert [r["text"] for r in got] == [TEXTS["three"], TEXTS["two"], TEXTS["one"]]
    assert all(r["published"] is None for r in got)
    assert result.stderr == ""


def test_arabic_is_written_unescaped(articles: list[str]) -> None:
    result = run("extract", articles[0])
    assert TEXTS["one"] in result.stdout
    assert "\\u0" not in result.stdout


def test_jsonl_and_gzip_and_stdin(tmp_path: Path) -> None:
    lines = "".join(
        json.dumps({"id": f"a{i}", "text": t, "published": f"2018-05-0{i + 1}"}, ensure_ascii=False) + "\n"
        for i, t in enumerate(TEXTS.values())
    )
    gz = tmp_path / "in.jsonl.gz"
    gz.write_bytes(gzip.compress(lines.encode("utf-8")))
    from_file = run("extract", "--jsonl", str(gz))
    from_stdin = run("extract", "--jsonl", "-", input=lines.encode("utf-8"))
    assert from_file.exit_code == from_stdin.exit_code == 0
    assert from_file.stdout == from_stdin.stdout
    assert [(r["id"], r["published"]) for r in records(from_file)] == [
        ("a0", "2018-05-01"),
        ("a1", "2018-05-02"),
        ("a2", "2018-05-03"),
    ]


def test_two_workers_give_the_same_output_as_one(tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl"
    articles = samples.load() * 5
    path.write_text(
        "".join(
            json.dumps({"id": f"{i}-{a.id}", "text": a.text}, ensure_ascii=False) + "\n"
            for i, a in enumerate(articles)
        ),
        encoding="utf-8",
    )
    one = run("extract", "--jsonl", str(path))
    two = run("extract", "--jsonl", str(path), "--workers", "2")
    assert one.exit_code == two.exit_code == 0
    assert two.stdout == one.stdout
    assert len(two.stdout.splitlines()) == len(articles)


def test_table_off_a_terminal_is_tsv(articles: list[str]) -> None:
    result = run("extract", "--table", *articles)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "article\tspeaker\tvia\twhen\ttype\tstatement"
    assert "\u2067" not in result.stdout


@pytest.mark.parametrize(
    "args", [["extract"], ["extract", "--workers", "0", "x.txt"], ["extract", "--nope", "x"]]
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    assert run(*args).exit_code == 2


def test_progress_bar_only_on_a_terminal(articles: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    quiet = run("extract", *articles)
    assert quiet.stderr == ""
    monkeypatch.setattr("qawl.cli._stderr_is_terminal", lambda: True)
    shown = run("extract", *articles)
    assert "3/3" in shown.stderr
    assert shown.stdout == quiet.stdout


def test_python_m_qawl_writes_utf8_whatever_the_locale(articles: list[str]) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "ascii", "LC_ALL": "C", "LANG": "C"}
    done = subprocess.run(
        [sys.executable, "-m", "qawl", "extract", *articles],
        capture_output=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == b""  # stderr is a pipe: no progress bar
    lines = done.stdout.decode("utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["one", "two", "three"]
    assert TEXTS["two"] in lines[1]
