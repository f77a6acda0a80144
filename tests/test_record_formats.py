"""Record formats: qawl/2 (docs/FORMAT-2.md) is qawl/1 with each statement's responds_to and
story; qawl/1 stays available from extract, export and the API, and a reader of qawl/1 finds
every field it knows, unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from qawl.cli import main
from qawl.pipeline import analyse
from qawl.record import FORMATS, Article, Record
from qawl.store import connect
from qawl.store.ingest import ingest
from tests.stories_data import PENCE, REJECTION, story_articles

SEED = Path(__file__).resolve().parents[1] / "qawl" / "samples" / "seed-aleppo-2016.json"


def seed_record() -> Record:
    return analyse(Article(**json.loads(SEED.read_text(encoding="utf-8"))))


def test_qawl_2_is_qawl_1_and_two_fields_of_a_statement() -> None:
    record = seed_record()
    one, two = record.to_json("qawl/1"), record.to_json("qawl/2")
    assert (one["format"], two["format"]) == ("qawl/1", "qawl/2")
    assert record.to_json() == two  # qawl/2 is the default
    for old, new in zip(one["quotes"], two["quotes"], strict=True):
        assert set(new) - set(old) == {"responds_to", "story"}
        assert {k: new[k] for k in old} == old
    assert {k: v for k, v in two.items() if k not in ("format", "quotes")} == {
        k: v for k, v in one.items() if k not in ("format", "quotes")
    }
    assert two["quotes"][0]["responds_to"]["statement"] == {"article": record.id, "quote": "Q3"}
    assert all(q["story"] is None for q in two["quotes"])  # stories are a store's


def test_an_unknown_format_is_an_error() -> None:
    with pytest.raises(ValueError, match="qawl/3"):
        seed_record().to_json("qawl/3")
    assert FORMATS == ("qawl/2", "qawl/1")


def test_extract_writes_either_format(tmp_path: Path) -> None:
    source = tmp_path / "seed.jsonl"
    source.write_text(SEED.read_text(encoding="utf-8").replace("\n", " ") + "\n", encoding="utf-8")
    for fmt in (None, "qawl/1", "qawl/2"):
        args = ["extract", "--jsonl", "--workers", "1", str(source)] + (["--format", fmt] if fmt else [])
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
        (line,) = result.stdout.splitlines()
        record = json.loads(line)
        assert record["format"] == (fmt or "qawl/2")
        assert ("responds_to" in record["quotes"][0]) == (record["format"] == "qawl/2")
    bad = CliRunner().invoke(main, ["extract", "--format", "qawl/3", str(source)])
    assert bad.exit_code == 2


def test_export_gives_back_stories_and_answers_across_articles(store_target: str) -> None:
    engine = connect(store_target)
    ingest(engine, story_articles())
    engine.dispose()
    out = {}
    for fmt in ("jsonl", "qawl/2", "qawl/1"):
        result = CliRunner().invoke(main, ["export", "--format", fmt, "--db", store_target])
        assert result.exit_code == 0, result.output
        out[fmt] = {r["id"]: r for r in map(json.loads, result.stdout.splitlines())}
    assert out["jsonl"] == out["qawl/2"]
    rejection = out["qawl/2"][REJECTION]["quotes"][0]
    assert rejection["responds_to"]["statement"] == {"article": PENCE, "quote": "Q1"}
    assert all(q["story"] and q["story"].startswith("S") for r in out["qawl/2"].values() for q in r["quotes"])
    assert all("story" not in q for r in out["qawl/1"].values() for q in r["quotes"])
    assert {r["format"] for r in out["qawl/1"].values()} == {"qawl/1"}
