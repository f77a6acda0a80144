"""Analyse a stream of articles on a Dask cluster (``distributed``), in input order.

The cluster is the one a scheduler address names, else a LocalCluster of single-threaded
worker processes that this runner starts and stops. A task is a chunk of articles, so that
the scheduler's cost per task is small beside the analysis; a window of tasks is in flight
and results are taken in order, so a long input is never held whole. Every worker loads
the models once, before the first task (``warm_up``; workers that join later load them on
their first task).

A worker that dies has its tasks run elsewhere by Dask (``distributed.scheduler.allowed-
failures`` times); a chunk that still fails is tried again article by article, and an article
that fails alone is a Failure with Dask's reason. Only losing the scheduler stops a run.

The limits of qawl.run.limits hold on the workers too: the length limit as everywhere, the time
limit by a watchdog thread (a worker analyses in a thread of its own, where SIGALRM cannot reach).
"""

from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import suppress
from itertools import chain
from typing import TYPE_CHECKING

from qawl.ingest.readers import Failure
from qawl.record import Article
from qawl.run.limits import DEFAULT_LIMITS, Limits
from qawl.run.pool import (
    Encoded,
    Encoder,
    Result,
    Runner,
    analyse_chunk,
    chunked,
    failed,
    usable_cores,
    warm_up,
)

if TYPE_CHECKING:
    from distributed import Client, Future, LocalCluster

# Articles a task: a Dask task costs the scheduler, the comms and the worker's event loop a few
# milliseconds more than a pool's (8 articles a task: 1.17-1.25 of the pool's time on 1,500 ANT
# articles; 32: 1.08, benchmarks/scaling.py). With the faster analysis of later sessions, 32 a
# task took 1.14-1.21 of the pool's time on 6,000 ANT articles and 64 took 0.95-1.15, the
# runner's CPU 3.0-3.3 s against 2.3-2.9; the in-order window is still small (512 articles).
DASK_CHUNKSIZE = 64
# A LocalCluster's settings, for a batch run rather than interactive use: its workers do not
# sample their own stacks every 10 ms for a dashboard nobody opens, nor check the event loop
# every 20 ms; and the scheduler sends the tasks on at once (they are independent and alike)
# instead of holding them back until a worker reports.
LOCAL_CLUSTER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.scheduler.worker-saturation": float("inf"),
}
TASKS_IN_FLIGHT_PER_THREAD = 4
CONNECT_TIMEOUT = 10.0  # seconds to reach a scheduler before saying it is not there
WORKERS_TIMEOUT = 60.0  # seconds a scheduler may take to have a worker


class ClusterError(RuntimeError):
    """The Dask cluster could not be reached, had no workers, or was lost during the run."""


class DaskRunner(Runner):
    """Analysis on the cluster of ``scheduler`` (``tcp://host:port``), or on a LocalCluster of
    ``workers`` processes (default: this machine's cores) when there is none."""

    def __init__(
        self,
        *,
        workers: int | None = None,
        scheduler: str | None = None,
        chunksize: int | None = None,
        connect_timeout: float = CONNECT_TIMEOUT,
        limits: Limits = DEFAULT_LIMITS,
    ) -> None:
        self.scheduler = scheduler
        self.limits = limits
        self.workers = workers or usable_cores()
        self.chunksize = chunksize or DASK_CHUNKSIZE
        self.connect_timeout = connect_timeout
        self.client: Client | None = None
        self._cluster: LocalCluster | None = None
        self._window = 1
        self._levels: dict[str, int] = {}

    def start(self) -> None:
        if self.client is not None:
            return
        self._quiet()
        try:
            self.client = self._connect() if self.scheduler else self._local()
            self.client.run(warm_up)
            threads = sum(self.client.nthreads().values())
        except BaseException:
            self.close()
            raise
        self.workers = len(self.client.nthreads())
        self._window = max(1, threads) * TASKS_IN_FLIGHT_PER_THREAD

    def analyse(
        self, items: Iterable[Article | Failure], encode: Encoder | None = None
    ) -> Iterator[Result | Encoded]:
        chunks = chunked(items, self.chunksize)
        first = next(chunks, None)
        if first is None:
            return  # nothing to analyse: no cluster needed
        self.start()
        pending: deque[tuple[Future, list[Article | Failure]]] = deque()
        for chunk in chain([first], chunks):
            pending.append((self._submit(chunk, encode), chunk))
            if len(pending) >= self._window:
                yield from self._collect(*pending.popleft(), encode)
        while pending:
            yield from self._collect(*pending.popleft(), encode)

    @property
    def address(self) -> str | None:
        """The scheduler's address (a LocalCluster's too, for other clients to join)."""
        return self.client.scheduler.address if self.client and self.client.scheduler else None

    def pids(self) -> list[int]:
        return sorted(self.client.run(os.getpid).values()) if self.client else []

    def close(self) -> None:
        client, cluster, self.client, self._cluster = self.client, self._cluster, None, None
        if client is not None:
            with suppress(Exception):
                client.close()
        if cluster is not None:
            with suppress(Exception):
                cluster.close()
        for name, level in self._levels.items():
            logging.getLogger(name).setLevel(level)
        self._levels = {}

    def _submit(self, chunk: list[Article | Failure], encode: Encoder | None) -> Future:
        assert self.client is not None
        return self.client.submit(analyse_chunk, chunk, self.limits, encode, pure=False)

    def _collect(
        self, future: Future, chunk: list[Article | Failure], encode: Encoder | None
    ) -> list[Result | Encoded]:
        try:
            return future.result()
        except Exception as e:
            self._check_connected(e)
            if len(chunk) == 1:
                return failed(chunk, f"analysis failed: {type(e).__name__}: {e}")
        # Dask gave the task up (its workers died, KilledWorker): the articles alone, so that
        # only the one that kills a worker by itself fails.
        return [
            result for item in chunk for result in self._collect(self._submit([item], encode), [item], encode)
        ]

    def _check_connected(self, error: Exception) -> None:
        if self.client is None or self.client.status not in ("running", "connecting"):
            raise ClusterError(f"lost the Dask scheduler ({type(error).__name__}: {error})") from error

    def _connect(self) -> Client:
        import asyncio

        from distributed import Client

        assert self.scheduler is not None
        try:
            # Asked first with a bare connection: a Client that fails to connect leaves an
            # object whose finaliser tries again, and complains, at exit.
            asyncio.run(_probe(self.scheduler, self.connect_timeout))
        except Exception as e:  # refused, timed out, a bad address, or something that is no Dask
            why = str(e) if isinstance(e, OSError | ValueError) else f"{type(e).__name__}: {e}"
            raise ClusterError(
                f"no Dask scheduler answered at {self.scheduler} within {self.connect_timeout:g} s ({why})"
            ) from None
        client = Client(self.scheduler, timeout=self.connect_timeout, set_as_default=False)
        try:
            client.wait_for_workers(1, timeout=WORKERS_TIMEOUT)
        except TimeoutError:
            client.close()
            raise ClusterError(
                f"the Dask scheduler at {self.scheduler} has had no worker for {WORKERS_TIMEOUT:g} s"
            ) from None
        return client

    def _local(self) -> Client:
        import dask
        from distributed import Client, LocalCluster

        try:
            with dask.config.set(LOCAL_CLUSTER_CONFIG):
                self._cluster = LocalCluster(
                    n_workers=self.workers,
                    threads_per_worker=1,  # analysis holds the GIL: one process a core
                    processes=True,
                    dashboard_address=None,
                    silence_logs=logging.ERROR,
                )
        except Exception as e:
            raise ClusterError(
                f"could not start a Dask LocalCluster of {self.workers} workers ({type(e).__name__}: {e})"
            ) from e
        # results straight from the workers, not relayed through the scheduler (this process)
        return Client(self._cluster, set_as_default=False, direct_to_workers=True)

    def _quiet(self) -> None:
        """Dask's own logging (connections, worker restarts) says only errors while this runs."""
        for name in ("distributed", "tornado"):
            logger = logging.getLogger(name)
            self._levels.setdefault(name, logger.level)
            logger.setLevel(max(logger.getEffectiveLevel(), logging.ERROR))


async def _probe(address: str, timeout: float) -> None:
    from distributed.comm import connect

    comm = await connect(address, timeout=timeout)
    await comm.close()
