"""Running analysis over many articles: in this process, a local process pool, or a Dask cluster.

Every runner gives one result (a Record, or a Failure saying why there is none) per input,
in input order, with a bounded number of articles in flight, so that the records of a run
are those of one process whatever runs them. Writing them (JSON Lines, Parquet, the store)
is the caller's, in that order; a sink's encoder (``Sink.encode``) given to ``analyse`` runs
where the records are made, and the caller gets each record as Encoded, ready to write.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Literal, get_args

from qawl.ingest.readers import Failure
from qawl.record import Article
from qawl.run.limits import DEFAULT_LIMITS, MAX_CHARS, MAX_SECONDS, Limits
from qawl.run.pool import (
    CHUNKSIZE,
    Encoded,
    Encoder,
    InProcess,
    ProcessPool,
    Result,
    Runner,
    analyse_all,
    analyse_or_fail,
    usable_cores,
)

Engine = Literal["local", "dask"]
ENGINES: tuple[str, ...] = get_args(Engine)

__all__ = [
    "CHUNKSIZE",
    "DEFAULT_LIMITS",
    "ENGINES",
    "MAX_CHARS",
    "MAX_SECONDS",
    "Encoded",
    "Encoder",
    "Engine",
    "InProcess",
    "Limits",
    "ProcessPool",
    "Runner",
    "analyse_all",
    "analyse_or_fail",
    "open_runner",
    "run_analysis",
    "usable_cores",
]


def open_runner(
    engine: Engine = "local",
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    chunksize: int | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Runner:
    """A runner (a context manager; nothing starts before its first article or ``start()``).

    ``local``: ``workers`` processes on this machine (default: its usable cores), or this very
    process when that is 1. ``dask``: the cluster of the scheduler at ``scheduler``
    (``tcp://host:port``), else a LocalCluster of ``workers`` processes. Every runner holds each
    article to ``limits`` (qawl.run.limits): longer or slower ones are Failures. ``chunksize``:
    articles a task, by default the runner's own (a Dask task costs more to schedule than a
    pool's, so it carries more articles).
    """
    if engine == "local":
        if scheduler is not None:
            raise ValueError("a scheduler is for the dask engine")
        n = workers or usable_cores()
        if n <= 1:
            return InProcess(limits=limits)
        return ProcessPool(n, chunksize=chunksize, limits=limits)
    if engine == "dask":
        from qawl.run.dask import DaskRunner  # distributed is only imported when asked for

        return DaskRunner(workers=workers, scheduler=scheduler, chunksize=chunksize, limits=limits)
    raise ValueError(f"unknown engine {engine!r}: one of {', '.join(ENGINES)}")


def run_analysis(
    items: Iterable[Article | Failure],
    *,
    engine: Engine = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    chunksize: int | None = None,
    limits: Limits = DEFAULT_LIMITS,
    encode: Encoder | None = None,
) -> Iterator[Result | Encoded]:
    """The result of every item, in input order, analysed where ``open_runner`` says (with
    ``encode``: each record encoded there, as Encoded)."""
    runner = open_runner(engine, workers=workers, scheduler=scheduler, chunksize=chunksize, limits=limits)
    with runner:
        yield from runner.analyse(items, encode)
