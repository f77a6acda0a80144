"""Ingest: read → analyse → store, a batch a transaction.

Articles already stored under their id are not analysed again, so a second run over the
same input adds nothing and a run killed at any moment is completed by running it again.
Analysis runs in a pool of processes (``workers``) or wherever ``runner`` says (qawl.run: a
Dask cluster); writing, the entity base's growth and the search of copies run in this one,
in input order, so a run's result does not depend on how it was cut into batches, where it
was stopped, or where it was analysed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import TypeVar

from sqlalchemy import Engine

from qawl.ingest.readers import Failure
from qawl.record import Article
from qawl.run.pool import Runner, analyse_all
from qawl.store.writer import Added, known_inputs, load_base, write_batch

BATCH = 64  # articles a transaction
T = TypeVar("T")


def ingest(
    engine: Engine,
    items: Iterable[Article | Failure],
    *,
    workers: int = 1,
    runner: Runner | None = None,
    batch: int = BATCH,
    progress: Callable[[int], None] | None = None,
    report: Callable[[Failure], None] | None = None,
) -> Added:
    """Store the records of ``items`` (failures recorded with their reasons); returns what
    was added.  ``runner``, when given, analyses instead of a pool of ``workers`` (the caller
    closes it).  ``progress`` is called with the number of inputs done, as they are done;
    ``report`` with each failure."""
    total = Added()
    base = load_base(engine)
    tick = progress or (lambda n: None)

    def fresh() -> Iterator[Article | Failure]:
        for chunk in _chunks(items, batch):
            stored = known_inputs(engine, [x.resolved_id() for x in chunk if isinstance(x, Article)])
            skipped = [x for x in chunk if isinstance(x, Article) and x.resolved_id() in stored]
            total.skipped += len(skipped)
            tick(len(skipped))
            yield from (x for x in chunk if isinstance(x, Failure) or x.resolved_id() not in stored)

    results_in_order = runner.analyse(fresh()) if runner else analyse_all(fresh(), workers=workers)
    for results in _chunks(results_in_order, batch):
        total += write_batch(engine, results, base)
        for failure in (x for x in results if isinstance(x, Failure)):
            if report is not None:
                report(failure)
        tick(len(results))
    return total


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk
