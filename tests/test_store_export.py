"""Exports: records as JSON Lines, statements as CSV and Parquet rows."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
from click.testing import CliRunner

from qawl.cli import main
from qawl.pipeline import analyse
from qawl.store import connect
from qawl.store.export import STATEMENT_COLUMNS
from qawl.store.writer import load_base, write_batch
from tests.store_data import dev_articles


def qawl_1(record: dict) -> dict:
    """A record of qawl/2 as qawl/1 writes it: without a statement's responds_to and story."""
    drop = ("responds_to", "story")
    quotes = [{k: v for k, v in q.items() if k not in drop} for q in record["quotes"]]
    return {**record, "format": "qawl/1", "quotes": quotes}


def filled(target: str) -> list[dict]:
    engine = connect(target)
    stored = [analyse(a) for a in dev_articles(5)]
    write_batch(engine, stored, load_base(engine))
    engine.dispose()
    return [r.to_json() for r in stored]


def test_jsonl_csv_and_parquet(store_target: str, tmp_path: Path) -> None:
    stored = filled(store_target)
    runner = CliRunner()
    jsonl = runner.invoke(main, ["export", "--db", store_target])
    assert jsonl.exit_code == 0, jsonl.output
    exported = [json.loads(x) for x in jsonl.stdout.splitlines()]
    version_1 = runner.invoke(main, ["export", "--format", "qawl/1", "--db", store_target])
    assert [json.loads(x) for x in version_1.stdout.splitlines()] == [qawl_1(r) for r in stored]
    assert [qawl_1(r) for r in exported] == [qawl_1(r) for r in stored]  # qawl/2: the same, and …
    assert all(q["story"] for r in exported for q in r["quotes"])  # … the story of every statement

    table = runner.invoke(main, ["export", "--format", "csv", "--db", store_target])
    rows = list(csv.DictReader(io.StringIO(table.stdout)))
    statements = [(r["id"], q["id"], q["text"]) for r in stored for q in r["quotes"]]
    assert [(r["article_id"], r["statement_id"], r["text"]) for r in rows] == statements
    assert list(rows[0]) == STATEMENT_COLUMNS

    out = tmp_path / "statements.parquet"
    result = runner.invoke(main, ["export", "--format", "parquet", "--out", str(out), "--db", store_target])
    assert result.exit_code == 0, result.output
    frame = pq.read_table(out).to_pylist()
    assert [(r["article_id"], r["statement_id"], r["text"]) for r in frame] == statements


def test_parquet_needs_a_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["export", "--format", "parquet", "--db", str(tmp_path / "q.db")])
    assert result.exit_code == 2 and "--out" in result.output
