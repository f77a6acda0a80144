"""Analyse a stream of articles, in order, in this process or in a pool of local processes.

Failures from ingest pass through untouched, and an exception inside the analysis of one
article becomes a Failure for that article: nothing in one article can stop the batch. A
process that dies (killed, out of memory, a crash in native code) breaks the whole pool:
the pool is started again and the chunks that were in flight are analysed again alone, then
article by article, so that only an article that kills its process by itself is a Failure.

Every article is held to the limits of qawl.run.limits (its length, its analysis time). A process
that a time limit cannot stop (stuck inside C code) is killed when its chunk is late by more than
``STUCK_GRACE`` seconds beyond the chunk's time limits: that too costs only the article that did it.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import suppress
from dataclasses import dataclass
from itertools import islice
from types import TracebackType
from typing import Any, Self, TypeVar

from qawl.ingest.readers import Failure
from qawl.pipeline import analyse
from qawl.record import Article, Record
from qawl.run.limits import DEFAULT_LIMITS, AnalysisTimeout, Limits, deadline

CHUNKSIZE = 8  # articles a task: a task's round trip costs far less than analysing 8 articles
CHUNKS_IN_FLIGHT_PER_WORKER = 4  # queued ahead, so that no worker waits for its next chunk
READY_TIMEOUT = 300.0  # seconds a started pool waits for all its processes to load the models
STUCK_GRACE = 30.0  # seconds a chunk may be late beyond its time limits before its process is killed
# Analysed once in every new worker so that it loads what analysis loads on first use (the
# tagger, lexicons, the shipped entity base: module-level caches) before real work arrives.
WARM_UP = Article(
    text="قال وزير الخارجية الأردني أيمن الصفدي في عمّان أمس الاثنين إن «المحادثات ستستأنف».",
    id="qawl-warm-up",
    published="2018-05-08",
)

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Encoded:
    """A record as its sink writes it (``payload``: a JSON line, Parquet rows), made where the
    record was analysed. A worker that sends its records encoded spares the process collecting
    them the rebuilding of every record's objects and their encoding (0.19 and 0.12 ms a record
    on ANT's first 2,000 articles: the share of a two-process pool's CPU that kept it below
    twice one process's speed); what the collector reports of a record is here too."""

    id: str
    warnings: tuple[str, ...]
    statements: int
    payload: Any


Result = Record | Failure
Encoder = Callable[[Record], Any]  # a record -> what a sink writes of it (picklable: it goes to workers)


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity, which containers and taskset set)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def analyse_or_fail(item: Article | Failure, limits: Limits = DEFAULT_LIMITS) -> Result:
    """The record of an article, or a Failure saying why there is none (its analysis failed, or the
    article is beyond ``limits``)."""
    if isinstance(item, Failure):
        return item
    too_long = limits.too_long(item.text)
    if too_long:
        return Failure(item.resolved_id(), too_long)
    warm_up()  # the models load once a process, outside any article's time
    try:
        with deadline(limits.max_seconds):
            return analyse(item)
    except AnalysisTimeout:
        return Failure(item.resolved_id(), limits.took_too_long())
    except Exception as e:  # one article's bug must not lose the batch
        return Failure(item.resolved_id(), f"analysis failed: {type(e).__name__}: {e}")


def analyse_chunk(
    chunk: list[Article | Failure], limits: Limits = DEFAULT_LIMITS, encode: Encoder | None = None
) -> list[Result | Encoded]:
    """One task of a pool or a cluster: a few articles, so that a task's overhead is small;
    with ``encode``, each record as its sink writes it."""
    return [encoded(analyse_or_fail(item, limits), encode) for item in chunk]


def encoded(result: Result, encode: Encoder | None) -> Result | Encoded:
    """A record encoded by ``encode`` (a Failure saying why, if that fails); a Failure, or
    anything when there is no ``encode``, as it is."""
    if encode is None or isinstance(result, Failure):
        return result
    try:
        payload = encode(result)
    except Exception as e:  # one record that cannot be written must not lose the batch
        return Failure(result.id, f"writing failed: {type(e).__name__}: {e}")
    return Encoded(result.id, tuple(result.warnings), len(result.quotes), payload)


def failed(chunk: Iterable[Article | Failure], reason: str) -> list[Result]:
    """The chunk's articles as Failures with ``reason`` (failures from ingest kept as they are)."""
    return [x if isinstance(x, Failure) else Failure(x.resolved_id(), reason) for x in chunk]


_warm = False  # this process has loaded the models (a forked one inherits them, and this)


def warm_up() -> None:
    """Load the models and lexicons in this process, once (a failure here shows up on real
    articles), then freeze what is loaded (``gc.freeze``): the garbage collector's full
    collections no longer walk objects that live as long as the process (on ANT articles
    1,000-2,500 they took 2.4% of the time, 0.9% frozen), and a forked worker's collections
    write nothing to the pages it shares with its parent."""
    global _warm
    if not _warm:
        _warm = True
        with suppress(Exception):
            analyse(WARM_UP)
        gc.collect()  # what loading left behind is freed, not frozen
        gc.freeze()


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


class Closing:
    """A context manager that closes what it opened, however the block ends."""

    def close(self) -> None:
        pass

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class Runner(Closing):
    """Where analysis runs. ``analyse`` gives one result per input, in input order, holding at
    most a bounded window of articles (with ``encode``, each record as Encoded: encoded where it
    was analysed); ``start`` (optional: ``analyse`` starts on the first article) starts the
    processes and waits until their models are loaded."""

    workers: int = 1

    def start(self) -> None:
        pass

    def analyse(
        self, items: Iterable[Article | Failure], encode: Encoder | None = None
    ) -> Iterator[Result | Encoded]:
        raise NotImplementedError

    def pids(self) -> list[int]:
        """The processes that analyse (for measuring them)."""
        return []

    def close(self) -> None:
        pass


class InProcess(Runner):
    """Analysis in this process, one article after another."""

    def __init__(self, *, limits: Limits = DEFAULT_LIMITS) -> None:
        self.limits = limits

    def start(self) -> None:
        warm_up()

    def analyse(
        self, items: Iterable[Article | Failure], encode: Encoder | None = None
    ) -> Iterator[Result | Encoded]:
        for item in items:
            yield encoded(analyse_or_fail(item, self.limits), encode)

    def pids(self) -> list[int]:
        return [os.getpid()]


class ProcessPool(Runner):
    """A pool of ``workers`` processes on this machine, fed chunks of ``chunksize`` articles
    (by default CHUNKSIZE)."""

    def __init__(
        self, workers: int, *, chunksize: int | None = None, limits: Limits = DEFAULT_LIMITS
    ) -> None:
        self.workers = workers
        self.chunksize = chunksize or CHUNKSIZE
        self.limits = limits
        self.restarts = 0  # times a dead process broke the pool
        self._executor: ProcessPoolExecutor | None = None

    def start(self) -> None:
        if self._executor is not None:
            return
        context = multiprocessing.get_context()
        if context.get_start_method() == "fork":
            # Loaded here, the models are inherited by every process forked (and shared with
            # them, copy-on-write): loaded once a run, not once a process.
            warm_up()
        ready = context.Barrier(self.workers)
        self._executor = ProcessPoolExecutor(
            self.workers, mp_context=context, initializer=_warm_up_then_wait, initargs=(ready, READY_TIMEOUT)
        )
        # As many tasks as processes, each blocked in the initialiser until every process has
        # loaded the models: all started and warm when these are done (or the pool is broken,
        # which the first real chunk finds out).
        pings = [self._executor.submit(os.getpid) for _ in range(self.workers)]
        for ping in pings:
            ping.exception()

    def analyse(
        self, items: Iterable[Article | Failure], encode: Encoder | None = None
    ) -> Iterator[Result | Encoded]:
        chunks = chunked(items, self.chunksize)
        window = self.workers * CHUNKS_IN_FLIGHT_PER_WORKER
        pending: deque[tuple[Future[list[Result | Encoded]], list[Article | Failure]]] = deque()
        while True:
            while len(pending) < window and (chunk := next(chunks, None)) is not None:
                pending.append((self._submit(chunk, encode), chunk))
            if not pending:
                return
            try:
                results = self._result(*pending[0])
            except BrokenProcessPool:
                suspects = list(pending)
                pending.clear()
                self._restart()
                for future, chunk in suspects:
                    if future.done() and not future.cancelled() and future.exception() is None:
                        yield from future.result()  # finished before the pool broke
                    else:
                        yield from self._alone(chunk, encode)
                continue
            pending.popleft()
            yield from results

    def pids(self) -> list[int]:
        # ProcessPoolExecutor keeps its processes by pid in _processes (CPython since 3.2).
        return sorted(getattr(self._executor, "_processes", None) or ())

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def _submit(
        self, chunk: list[Article | Failure], encode: Encoder | None
    ) -> Future[list[Result | Encoded]]:
        self.start()
        assert self._executor is not None
        try:
            return self._executor.submit(analyse_chunk, chunk, self.limits, encode)
        except BrokenProcessPool as e:  # broken since the last look: the caller's result() says so
            future: Future[list[Result | Encoded]] = Future()
            future.set_exception(e)
            return future

    def _restart(self) -> None:
        self.restarts += 1
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None

    def _result(
        self, future: Future[list[Result | Encoded]], chunk: list[Article | Failure]
    ) -> list[Result | Encoded]:
        """The results of a chunk; :class:`Stuck` when its process had to be killed for being late."""
        if not self.limits.max_seconds:
            return future.result()
        try:
            # The oldest chunk in flight runs (the pool takes chunks in order): only its own articles
            # can make it late.
            return future.result(timeout=len(chunk) * self.limits.max_seconds + STUCK_GRACE)
        except TimeoutError:
            for process in list(getattr(self._executor, "_processes", {}).values()):
                with suppress(Exception):
                    process.kill()
            try:
                return future.result()  # if it finished meanwhile
            except BrokenProcessPool as e:
                raise Stuck(str(e)) from e

    def _alone(self, chunk: list[Article | Failure], encode: Encoder | None) -> list[Result | Encoded]:
        """A chunk that was in flight when a process died, analysed with nothing else in flight;
        if it breaks the pool again, its articles one by one, and one that breaks it alone fails."""
        try:
            return self._result(self._submit(chunk, encode), chunk)
        except BrokenProcessPool as e:
            self._restart()
            if len(chunk) == 1:
                if isinstance(e, Stuck):
                    return failed(chunk, f"{self.limits.took_too_long()} (its process was killed)")
                return failed(chunk, f"analysis failed: its process died ({e})")
        return [result for item in chunk for result in self._alone([item], encode)]


class Stuck(BrokenProcessPool):
    """The pool was broken on purpose: a process ran past its chunk's time limits and was killed."""


def _warm_up_then_wait(ready: threading.Barrier, timeout: float) -> None:
    """A pool process's initialiser: an exception here would break the pool, so there is none."""
    try:
        warm_up()
        ready.wait(timeout)
    except Exception:
        pass  # a broken barrier only means that the pool started unevenly


def analyse_all(
    items: Iterable[Article | Failure],
    *,
    workers: int = 1,
    chunksize: int = CHUNKSIZE,
    limits: Limits = DEFAULT_LIMITS,
) -> Iterator[Result]:
    """Results in input order; ``workers > 1`` spreads the work over that many processes.

    Input is taken a window at a time, so a long stream is never held in memory whole.
    """
    runner = (
        InProcess(limits=limits) if workers <= 1 else ProcessPool(workers, chunksize=chunksize, limits=limits)
    )
    with runner:
        yield from runner.analyse(items)
