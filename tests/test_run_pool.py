"""The local runner: a pool of processes gives the results of one process, in input order, a
broken input among them a Failure; a worker killed mid-run costs no article; records come
encoded by a sink's encoder where they were analysed, one that cannot be encoded a Failure."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator

import pytest

from qawl.ingest.readers import Failure, read_jsonl
from qawl.record import Article, Record
from qawl.run import Encoded, InProcess, ProcessPool, Runner, open_runner, run_analysis, usable_cores
from qawl.run.sinks import json_line
from tests.run_data import ARTICLES, BROKEN_LINE, comparable, expected, line_and_process, write_inputs
from tests.store_data import dev_articles


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(write_inputs(tmp_path_factory.mktemp("pool") / "dev.jsonl"))


def test_one_process_gives_every_input_a_result_in_order(inputs: str) -> None:
    got = [comparable(r) for r in run_analysis(read_jsonl(inputs), workers=1)]
    assert got == list(expected())
    assert len(got) == ARTICLES + 1
    assert got[BROKEN_LINE - 1][:2] == ("failure", str(BROKEN_LINE))
    assert [r["id"] for r in got if isinstance(r, dict)][:3] == ["anc-LBP16", "anc-OMP18", "anc-PSP12"]


def test_a_pool_gives_the_results_of_one_process_in_order(inputs: str) -> None:
    with ProcessPool(2, chunksize=2) as pool:
        got = [comparable(r) for r in pool.analyse(read_jsonl(inputs))]
        assert len(set(pool.pids())) == 2 and os.getpid() not in pool.pids()
    assert got == list(expected())


def test_a_killed_worker_costs_no_article(inputs: str) -> None:
    with ProcessPool(2, chunksize=1) as pool:
        results = pool.analyse(read_jsonl(inputs))
        got = [comparable(next(results))]
        os.kill(pool.pids()[0], signal.SIGKILL)  # while the others are in flight
        got += [comparable(r) for r in results]
        assert pool.restarts >= 1
    assert got == list(expected())


def test_the_default_is_a_pool_of_the_usable_cores() -> None:
    runner = open_runner()
    cores = len(os.sched_getaffinity(0))
    assert usable_cores() == cores
    assert isinstance(runner, ProcessPool if cores > 1 else InProcess)
    assert runner.workers == cores
    assert isinstance(open_runner(workers=1), InProcess)
    with pytest.raises(ValueError, match="dask"):
        open_runner("local", scheduler="tcp://127.0.0.1:8786")


def test_a_long_input_is_never_held_whole() -> None:
    taken = 0
    article = dev_articles(1)[0]

    def endless() -> Iterator[Article]:
        nonlocal taken
        while True:
            taken += 1
            yield article

    with ProcessPool(2, chunksize=2) as pool:
        results = pool.analyse(endless())
        for _ in range(3):
            next(results)
        assert taken <= 2 * 2 * 4 + 2  # the window (workers × chunks in flight × chunk) and a chunk


def test_a_readied_process_keeps_its_models_out_of_the_collectors_way() -> None:
    """After ``warm_up`` the loaded models are frozen (no collection walks them) and
    articles still analyse to the same records."""
    script = """
import gc
from qawl.entities.tagger import Tagger
from qawl.pipeline import extract
from qawl.run.pool import warm_up
before = extract("قال الوزير إن «المحادثات ستستأنف».").to_jsonl()
assert gc.get_freeze_count() == 0
warm_up()
tagger = Tagger.load()
assert gc.get_freeze_count() > 10_000, gc.get_freeze_count()
assert not any(o is tagger for o in gc.get_objects())
assert extract("قال الوزير إن «المحادثات ستستأنف».").to_jsonl() == before
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr


def _refusing_one(record: Record) -> str:
    if record.id == "anc-OMP18":
        raise ValueError("no room for it")
    return json_line(record)


@pytest.mark.parametrize("workers", [1, 2])
def test_records_come_encoded_where_they_were_analysed(inputs: str, workers: int) -> None:
    with open_runner(workers=workers) as runner:
        got = list(runner.analyse(read_jsonl(inputs), line_and_process))
        analysers = set(runner.pids())
    encoded = [r for r in got if isinstance(r, Encoded)]
    assert {r.payload[0] for r in encoded} <= analysers
    assert (os.getpid() in analysers) == (workers == 1)
    as_data = [json.loads(r.payload[1]) if isinstance(r, Encoded) else comparable(r) for r in got]
    assert as_data == list(expected())
    records = [r for r in expected() if isinstance(r, dict)]
    assert [(r.id, r.statements, r.warnings) for r in encoded] == [
        (r["id"], len(r["quotes"]), tuple(r["warnings"])) for r in records
    ]
    assert sum(r.statements for r in encoded) > 0


@pytest.mark.parametrize("runner", [InProcess(), ProcessPool(2, chunksize=2)], ids=["one", "pool"])
def test_a_record_that_cannot_be_encoded_is_a_failure_and_the_rest_go_on(inputs: str, runner: Runner) -> None:
    with runner:
        got = list(runner.analyse(read_jsonl(inputs), _refusing_one))
    failures = [(f.input, f.reason) for f in got if isinstance(f, Failure)]
    assert ("anc-OMP18", "writing failed: ValueError: no room for it") in failures
    assert len(failures) == 2  # and the broken line
    lines = [json.loads(r.payload) for r in got if isinstance(r, Encoded)]
    assert lines == [r for r in expected() if isinstance(r, dict) and r["id"] != "anc-OMP18"]
