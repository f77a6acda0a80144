"""Analyse a stream of articles, in order, in this process or in a pool of processes.

Failures from ingest pass through untouched, and an exception inside the
analysis of one article becomes a Failure for that article: nothing in one
article can stop the batch.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from itertools import islice

from qawl.ingest.readers import Failure
from qawl.pipeline import analyse
from qawl.record import Article, Record

CHUNKSIZE = 8
CHUNKS_IN_FLIGHT_PER_WORKER = 4


def analyse_or_fail(item: Article | Failure) -> Record | Failure:
    """The record of an article, or a Failure saying why there is none."""
    if isinstance(item, Failure):
        return item
    try:
        return analyse(item)
    except Exception as e:  # one article's bug must not lose the batch
        return Failure(item.resolved_id(), f"analysis failed: {type(e).__name__}: {e}")


def analyse_all(
    items: Iterable[Article | Failure], *, workers: int = 1, chunksize: int = CHUNKSIZE
) -> Iterator[Record | Failure]:
    """Results in input order; ``workers > 1`` spreads the work over that many processes.

    Input is taken a window at a time, so a long stream is never held in memory whole.
    """
    if workers <= 1:
        yield from map(analyse_or_fail, items)
        return
    window = workers * chunksize * CHUNKS_IN_FLIGHT_PER_WORKER
    iterator = iter(items)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        while batch := list(islice(iterator, window)):
            yield from pool.map(analyse_or_fail, batch, chunksize=chunksize)
