"""The Dask runner on a real LocalCluster (two worker processes, started once for the module):
the results of one process, in input order, from Python, `qawl extract` and `qawl ingest`; a
worker killed mid-run costs no article; a scheduler that is not there is a clear error, soon."""

from __future__ import annotations

import json
import os
import signal
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from qawl.cli import main
from qawl.ingest.readers import read_jsonl
from qawl.run import Encoded
from qawl.run.dask import ClusterError, DaskRunner
from qawl.store import connect
from qawl.store.reader import counts, records
from tests.conftest import fresh_store
from tests.run_data import BROKEN_LINE, comparable, expected, line_and_process, write_inputs


@pytest.fixture(scope="module")
def cluster() -> Iterator[DaskRunner]:
    """A LocalCluster the runner starts (and stops), its models loaded in every worker."""
    with DaskRunner(workers=2, chunksize=2) as runner:
        runner.start()
        yield runner


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(write_inputs(tmp_path_factory.mktemp("dask") / "dev.jsonl"))


def test_dask_gives_the_results_of_one_process_in_order(cluster: DaskRunner, inputs: str) -> None:
    got = [comparable(r) for r in cluster.analyse(read_jsonl(inputs))]
    assert got == list(expected())
    assert got[BROKEN_LINE - 1][:2] == ("failure", str(BROKEN_LINE))
    pids = cluster.pids()
    assert len(set(pids)) == 2 and os.getpid() not in pids  # two processes of their own


def test_dask_encodes_records_in_its_workers(cluster: DaskRunner, inputs: str) -> None:
    got = list(cluster.analyse(read_jsonl(inputs), line_and_process))
    encoded = [r for r in got if isinstance(r, Encoded)]
    assert {r.payload[0] for r in encoded} <= set(cluster.pids())
    assert os.getpid() not in {r.payload[0] for r in encoded}
    as_data = [json.loads(r.payload[1]) if isinstance(r, Encoded) else comparable(r) for r in got]
    assert as_data == list(expected())


def _worker_settings() -> tuple[bool, object]:
    import dask

    return dask.config.get("distributed.worker.profile.enabled"), dask.config.get(
        "distributed.admin.tick.interval"
    )


def test_local_cluster_is_set_up_for_a_batch(cluster: DaskRunner) -> None:
    """Its workers take no stack samples for a dashboard and check their event loop once a
    second; its scheduler sends every task on at once; results come straight from the workers."""
    assert cluster.client is not None
    assert set(cluster.client.run(_worker_settings).values()) == {(False, "1s")}
    assert cluster.client.run_on_scheduler(lambda dask_scheduler: dask_scheduler.WORKER_SATURATION) == float(
        "inf"
    )
    assert cluster.client.direct_to_workers is True


def test_dask_tasks_carry_more_articles_than_the_pools() -> None:
    from qawl.run import CHUNKSIZE, open_runner
    from qawl.run.dask import DASK_CHUNKSIZE

    assert DASK_CHUNKSIZE > CHUNKSIZE
    assert open_runner("dask").chunksize == DASK_CHUNKSIZE  # type: ignore[attr-defined]
    assert open_runner("dask", chunksize=3).chunksize == 3  # type: ignore[attr-defined]
    assert open_runner("local", workers=2).chunksize == CHUNKSIZE  # type: ignore[attr-defined]


def test_extract_on_dask_writes_what_one_process_writes(cluster: DaskRunner, inputs: str) -> None:
    assert cluster.address
    result = CliRunner().invoke(
        main, ["extract", "--jsonl", inputs, "--engine", "dask", "--scheduler", cluster.address]
    )
    assert result.exit_code == 1, result.output  # the broken line
    assert [json.loads(line) for line in result.stdout.splitlines()] == [
        r for r in expected() if isinstance(r, dict)
    ]
    assert f"qawl: skipped {inputs}:{BROKEN_LINE}: not JSON" in result.stderr
    assert "Traceback" not in result.output


def test_ingest_on_dask_stores_what_one_process_stores(
    cluster: DaskRunner, inputs: str, tmp_path: Path
) -> None:
    assert cluster.address
    runner = CliRunner()
    (tmp_path / "one").mkdir()
    (tmp_path / "dask").mkdir()
    with fresh_store("sqlite", tmp_path / "one") as one, fresh_store("sqlite", tmp_path / "dask") as dask:
        by_one = runner.invoke(main, ["ingest", "--db", one, "--workers", "1", inputs])
        by_dask = runner.invoke(main, ["ingest", "--db", dask, "--scheduler", cluster.address, inputs])
        assert by_one.exit_code == by_dask.exit_code == 1, by_dask.output  # the broken line, stored
        expected_rows = [r.to_json() for r in records(connect(one))]
        assert len(expected_rows) == len(expected()) - 1
        assert [r.to_json() for r in records(connect(dask))] == expected_rows
        assert counts(connect(dask)) == counts(connect(one))


def test_a_scheduler_that_is_not_there_is_an_error_soon() -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    address = f"tcp://127.0.0.1:{port}"
    started = time.monotonic()
    with pytest.raises(ClusterError, match=f"no Dask scheduler answered at {address} within 1 s"):
        with DaskRunner(scheduler=address, connect_timeout=1) as runner:
            runner.start()
    assert time.monotonic() - started < 10


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--scheduler", "nonsense://x"], "Invalid value for '--scheduler': no Dask scheduler answered at"),
        (["--scheduler", "tcp://127.0.0.1:8786", "--engine", "local"], "--scheduler is a Dask cluster's"),
        (["--scheduler", "tcp://127.0.0.1:8786", "--workers", "2"], "--workers sizes a pool or LocalCluster"),
        (["--engine", "spark"], "Invalid value for '--engine'"),
    ],
)
def test_scheduler_usage_errors_exit_2(args: list[str], message: str, inputs: str, tmp_path: Path) -> None:
    for command in (["extract", "--jsonl"], ["ingest", "--db", str(tmp_path / "qawl.db")]):
        result = CliRunner().invoke(main, [*command, inputs, *args])
        assert result.exit_code == 2, result.output
        assert message in result.stderr
        assert result.stdout == ""


def test_a_killed_worker_costs_no_article(cluster: DaskRunner, inputs: str) -> None:
    # Last in the module: the worker its nanny starts again loads the models on its first task.
    results = cluster.analyse(read_jsonl(inputs))
    got = [comparable(next(results))]
    killed = cluster.pids()[0]
    os.kill(killed, signal.SIGKILL)  # while the other chunks are in flight
    got += [comparable(r) for r in results]
    assert got == list(expected())
    assert killed not in cluster.pids()
