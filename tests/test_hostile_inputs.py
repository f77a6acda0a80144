"""Hostile and broken inputs (tests/hostile.py), all in one ``qawl extract`` batch, then through the
store: each gives records whose every span is its text, or failures that say why in one line; no input
loses an article (results = records + failures, as many as it holds) and nothing crashes."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

import pytest
from click.testing import CliRunner

from qawl.cli import main
from qawl.ingest import read_inputs
from qawl.store.database import connect
from qawl.store.ingest import ingest
from tests.hostile import Hostile, check_spans, hostile_inputs, owner

INPUTS = hostile_inputs()
SKIPPED = re.compile(r"^qawl: skipped (.+?): (.*)$")
Results = dict[str, tuple[list[dict], list[str]]]


def write(inputs: list[Hostile], folder: Path) -> list[str]:
    """The inputs as files; feeds in a folder of their own, where looking for their pages costs nothing."""
    paths = []
    for h in inputs:
        where = folder / ("feeds" if h.suffix == ".rss" else "inputs")
        where.mkdir(exist_ok=True)
        paths.append(str(h.write(where)))
    return paths


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[Results, int, str]:
    """Every hostile input in one run of ``qawl extract``: its records and failure reasons by input."""
    paths = write(INPUTS, tmp_path_factory.mktemp("hostile"))
    result = CliRunner().invoke(main, ["extract", "--workers", "1", *paths])
    grouped: Results = defaultdict(lambda: ([], []))
    for line in result.stdout.splitlines():
        record = json.loads(line)
        grouped[owner(record["id"]) or "?"][0].append(record)
    for line in result.stderr.splitlines():
        skipped = SKIPPED.match(line)
        if skipped:
            grouped[owner(skipped.group(1)) or "?"][1].append(skipped.group(2))
    return grouped, result.exit_code, result.output


def test_the_batch_goes_on_to_the_end_and_exits_1(batch: tuple[Results, int, str]) -> None:
    grouped, exit_code, output = batch
    assert exit_code == 1
    assert "Traceback" not in output
    assert set(grouped) == {h.name for h in INPUTS}  # every result names its input, every input has some


@pytest.mark.parametrize("hostile", INPUTS, ids=[h.name.removeprefix("hostile-") for h in INPUTS])
def test_each_input_gives_records_or_failures_and_loses_nothing(
    batch: tuple[Results, int, str], hostile: Hostile
) -> None:
    records, failures = batch[0][hostile.name]
    assert len(records) + len(failures) == hostile.results, failures
    if hostile.records is not None:
        assert len(records) == hostile.records, failures
    for reason in failures:
        assert reason.strip() and hostile.reason in reason
    for record in records:
        assert record["format"] == "qawl/2"
        check_spans(record)
    if hostile.text is not None:
        assert [r["text"] for r in records] == [hostile.text]


def test_the_store_keeps_every_article_or_its_failure(tmp_path: Path) -> None:
    """The inputs that hold several articles, one or more of them broken, ingested into SQLite."""
    several = [h for h in INPUTS if h.results > 1 and h.records is not None]
    assert len(several) >= 8
    added = ingest(connect(tmp_path / "qawl.db"), read_inputs(write(several, tmp_path)), workers=1)
    assert added.articles + added.copies == sum(h.records for h in several)  # type: ignore[misc]
    assert added.failures == sum(h.results - h.records for h in several)  # type: ignore[operator]
