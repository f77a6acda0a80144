"""Where `qawl extract` writes: Parquet parts (a row a statement, the layout and rows of `qawl
export --format parquet`) with the failures beside them, or a JSON Lines file."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner, Result

from qawl.cli import main
from qawl.record import Article
from qawl.run import analyse_or_fail
from qawl.run.pool import encoded
from qawl.run.sinks import JsonLines, ParquetParts, json_line
from tests.conftest import fresh_store
from tests.run_data import ARTICLES, BROKEN_LINE, expected, write_inputs
from tests.store_data import dev_articles


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(write_inputs(tmp_path_factory.mktemp("outputs") / "dev.jsonl"))


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def test_parquet_parts_hold_the_statements_of_the_records(inputs: str, tmp_path: Path) -> None:
    out = tmp_path / "parts"
    result = run(
        "extract", "--jsonl", inputs, "--output-format", "parquet", "--out", str(out), "--part-size", "5"
    )
    assert result.exit_code == 1, result.output  # the broken line
    assert result.stdout == ""
    assert sorted(p.name for p in out.iterdir()) == [
        "_failures.jsonl",
        "part-00000.parquet",
        "part-00001.parquet",
        "part-00002.parquet",  # 12 records: 5, 5 and 2
    ]
    failures = [
        json.loads(line) for line in (out / "_failures.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert [f["input"] for f in failures] == [f"{inputs}:{BROKEN_LINE}"]
    assert failures[0]["reason"].startswith("not JSON")

    records = [r for r in expected() if isinstance(r, dict)]
    assert len(records) == ARTICLES
    for n, part in enumerate(sorted(out.glob("part-*.parquet"))):
        ids = {row["article_id"] for row in pq.read_table(part).to_pylist()}
        assert ids <= {r["id"] for r in records[5 * n : 5 * n + 5]}
    rows = pq.read_table(out).to_pylist()
    quotes = [(r["id"], q) for r in records for q in r["quotes"]]
    assert len(rows) == len(quotes) > 0
    for row, (article_id, q) in zip(rows, quotes, strict=True):
        assert (row["article_id"], row["statement_id"], row["type"], row["text"]) == (
            article_id,
            q["id"],
            q["type"],
            q["text"],
        )
        assert row["speaker_text"] == (q["speaker"]["text"] if q["speaker"] else None)
        assert row["cue"] == (q["cue"]["text"] if q["cue"] else None)
        assert row["confidence"] == q["confidence"]


def test_extract_parquet_has_the_layout_and_rows_of_export(inputs: str, tmp_path: Path) -> None:
    with fresh_store("sqlite", tmp_path) as db:
        assert run("ingest", "--db", db, "--workers", "1", inputs).exit_code == 1
        assert (
            run(
                "export", "--db", db, "--format", "parquet", "--out", str(tmp_path / "export.parquet")
            ).exit_code
            == 0
        )
    exported = pq.read_table(tmp_path / "export.parquet")
    # --base grows an entity base from the shipped seed as the store does, so kb_ids agree too
    extracted_dir = tmp_path / "extracted"
    result = run(
        "extract", "--jsonl", inputs, "--base", str(tmp_path / "base.db"),
        "--output-format", "parquet", "--out", str(extracted_dir),
    )  # fmt: skip
    assert result.exit_code == 1, result.output
    extracted = pq.read_table(extracted_dir)
    assert extracted.schema == exported.schema
    assert extracted.num_rows == exported.num_rows > 0
    assert extracted.to_pylist() == exported.to_pylist()


def test_jsonl_to_a_file_and_refusals(inputs: str, tmp_path: Path) -> None:
    out = tmp_path / "records.jsonl"
    result = run("extract", "--jsonl", inputs, "--out", str(out), "--workers", "1")
    assert result.exit_code == 1 and result.stdout == ""
    assert [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()] == [
        r for r in expected() if isinstance(r, dict)
    ]
    taken = tmp_path / "taken"
    taken.mkdir()
    (taken / "part-00000.parquet").write_bytes(b"")
    for args in (
        ["--output-format", "parquet"],  # no --out
        ["--output-format", "parquet", "--out", str(taken)],  # parts there already
        ["--output-format", "parquet", "--out", str(out)],  # a file
        ["--table", "--out", str(out)],
    ):
        refused = run("extract", "--jsonl", inputs, *args)
        assert refused.exit_code == 2, (args, refused.output)
        assert "Traceback" not in refused.output


@pytest.mark.parametrize("record_format", ["qawl/2", "qawl/1"])
def test_a_sink_writes_a_record_as_it_writes_its_encoding(record_format: str, tmp_path: Path) -> None:
    records = [analyse_or_fail(a) for a in dev_articles(3)]
    streams = io.StringIO(), io.StringIO()
    as_records, as_encoded = JsonLines(streams[0], record_format), JsonLines(streams[1], record_format)
    parts = ParquetParts(tmp_path / "records", part_size=2), ParquetParts(tmp_path / "encoded", part_size=2)
    for record in records:
        as_records.write(record)
        as_encoded.write(encoded(record, as_encoded.encode))
        parts[0].write(record)
        parts[1].write(encoded(record, parts[1].encode))
    for sink in (as_records, as_encoded, *parts):
        sink.close()
    lines = streams[0].getvalue().splitlines()
    assert [json.loads(line)["format"] for line in lines] == [record_format] * 3
    assert streams[1].getvalue() == streams[0].getvalue()
    tables = [pq.read_table(tmp_path / name).to_pylist() for name in ("records", "encoded")]
    assert tables[0] == tables[1]
    assert len(tables[0]) == sum(len(r.quotes) for r in records) > 0  # type: ignore[union-attr]


def test_a_json_line_escapes_the_line_breaks_json_leaves_alone() -> None:
    text = "قال الوزير\x85 إن «المحادثات\u2028 ستستأنف»\u2029 غدا."
    record = analyse_or_fail(Article(text=text, id="breaks"))
    line = json_line(record)
    assert line.endswith("\n") and len(line.splitlines()) == 1
    assert not {"\x85", "\u2028", "\u2029"} & set(line)
    assert json.loads(line)["text"] == text
