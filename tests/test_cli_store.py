"""The store's commands end to end: ingest twice, search, quotes, and their errors."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from qawl.cli import main
from tests.store_data import dev_articles, seed


def dev_jsonl(path: Path) -> Path:
    fields = ("id", "text", "source", "url", "published", "title")
    lines = [
        json.dumps({f: getattr(a, f) for f in fields if getattr(a, f) is not None}, ensure_ascii=False)
        for a in [*dev_articles(7), seed()]
    ]
    path.write_text("\n".join([*lines, "{broken"]) + "\n", encoding="utf-8")
    return path


def test_ingest_twice_then_search_and_quotes(tmp_path: Path) -> None:
    source, db = dev_jsonl(tmp_path / "dev.jsonl"), str(tmp_path / "q.db")
    runner = CliRunner()
    first = runner.invoke(main, ["ingest", "--db", db, str(source)])
    assert first.exit_code == 1  # the broken line
    assert "8 articles stored" in first.stderr and "1 failures" in first.stderr
    assert f"qawl: skipped {source}:9: not JSON" in first.stderr
    second = runner.invoke(main, ["ingest", "--db", db, str(source)])
    assert "0 articles stored" in second.stderr and "8 already stored" in second.stderr

    found = runner.invoke(main, ["search", "حلب", "--db", db, "--speaker", "شويغو", "--json"])
    hits = [json.loads(x) for x in found.stdout.splitlines()]
    assert hits and all(h["speaker"] == "سيرغي شويغو" and "حلب" in h["text"] for h in hits)

    said = runner.invoke(main, ["quotes", "--speaker", "شويغو", "--db", db])
    lines = said.stdout.splitlines()
    assert lines[0].split("\t") == ["day", "outlet", "speaker", "via", "type", "statement", "article"]
    assert len(lines) == 4 and all(x.split("\t")[0] == "2016-08-01" for x in lines[1:])

    pages = runner.invoke(main, ["search", "شويغو", "--articles", "--db", db])
    assert "seed-aleppo-2016" in pages.stdout


def test_a_bad_date_filter_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["quotes", "--since", "yesterday", "--db", str(tmp_path / "q.db")])
    assert result.exit_code == 2 and "since must be a day" in result.output


def test_reading_commands_refuse_a_store_that_does_not_exist(tmp_path: Path) -> None:
    missing = str(tmp_path / "typo.db")
    for args in (["search", "حلب"], ["quotes", "--speaker", "شويغو"], ["export"], ["serve"]):
        result = CliRunner().invoke(main, [*args, "--db", missing])
        assert result.exit_code == 2 and "no store at" in result.output, args
    assert not Path(missing).exists()


def test_messages_never_show_a_database_password() -> None:
    from qawl.store.commands import shown

    assert "secret" not in shown("postgresql://me:secret@db.local/news")
    assert shown("news.db") == "news.db"
