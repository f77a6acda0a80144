"""Ingest: read → analyse → store, a batch a transaction.

Articles already stored under their id are not analysed again, so a second run over the
same input adds nothing and a run killed at any moment is completed by running it again.
Analysis runs in a pool of processes (``workers``) or wherever ``runner`` says (qawl.run: a
Dask cluster); writing, the entity base's growth and the search of copies run in this one,
in input order, so a run's result does not depend on how it was cut into batches, where it
was stopped, or where it was analysed.

A dropped connection to PostgreSQL (a restart, a network cut, a terminated backend) costs
only the transaction it broke: that batch is written again on a new connection (RETRY_DELAYS
apart), exactly as it would have been. When the database stays out of reach, or the disk is
full, ingest stops with a StoreError that names the batch; what was committed stays, and
the same run started again resumes after it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from itertools import islice
from typing import TypeVar

from sqlalchemy import Engine

from qawl.ingest.readers import Failure
from qawl.record import Article, Record
from qawl.run.pool import Runner, analyse_all
from qawl.store.database import transaction
from qawl.store.stories import file_unfiled
from qawl.store.writer import Added, read_base, stored_inputs, write_batch

BATCH = 64  # articles a transaction
T = TypeVar("T")


def ingest(
    engine: Engine,
    items: Iterable[Article | Failure],
    *,
    workers: int = 1,
    runner: Runner | None = None,
    batch: int | None = None,
    progress: Callable[[int], None] | None = None,
    report: Callable[[Failure], None] | None = None,
    notice: Callable[[str], None] | None = None,
    retry_delays: Sequence[float] | None = None,
) -> Added:
    """Store the records of ``items`` (failures recorded with their reasons); returns what
    was added.  ``runner``, when given, analyses instead of a pool of ``workers`` (the caller
    closes it).  ``batch``: inputs a transaction (default BATCH).  ``progress`` is called with
    the number of inputs done, as they are done; ``report`` with each failure; ``notice``
    with each retry of a transaction whose connection dropped, ``retry_delays`` apart
    (default database.RETRY_DELAYS).  Raises database.StoreError when the store cannot be
    reached or written; the batches stored before stay."""
    size = batch or BATCH
    total = Added()
    written = 0  # batches committed by this run
    base = transaction(engine, read_base, doing="reading the entity base", delays=retry_delays, notice=notice)
    # A store of an earlier qawl: its statements are filed into stories first, in their order.
    transaction(
        engine,
        file_unfiled,
        doing="filing stored statements into stories",
        delays=retry_delays,
        notice=notice,
    )
    tick = progress or (lambda n: None)

    def fresh() -> Iterator[Article | Failure]:
        for chunk in _chunks(items, size):
            ids = [x.resolved_id() for x in chunk if isinstance(x, Article)]
            stored = transaction(
                engine,
                partial(stored_inputs, ids=ids),
                doing="asking which inputs are stored",
                delays=retry_delays,
                notice=notice,
            )
            skipped = [x for x in chunk if isinstance(x, Article) and x.resolved_id() in stored]
            total.skipped += len(skipped)
            tick(len(skipped))
            yield from (x for x in chunk if isinstance(x, Failure) or x.resolved_id() not in stored)

    results_in_order = runner.analyse(fresh()) if runner else analyse_all(fresh(), workers=workers)
    for results in _chunks(results_in_order, size):
        total += write_batch(
            engine,
            results,
            base,
            doing=f"writing batch {written + 1} of this run ({_inputs(results)})",
            lost=_lost(written),
            delays=retry_delays,
            notice=notice,
        )
        written += 1
        for failure in (x for x in results if isinstance(x, Failure)):
            if report is not None:
                report(failure)
        tick(len(results))
    return total


def _inputs(results: list[Record | Failure]) -> str:
    """A batch's inputs as a message names them: how many, the first and the last."""
    names = [x.id if isinstance(x, Record) else x.input for x in results]
    if len(names) == 1:
        return f"1 input: {names[0]}"
    return f"{len(names)} inputs: {names[0]} … {names[-1]}"


def _lost(written: int) -> str:
    """What a run stopped by a batch that failed to commit has (not) stored."""
    if written == 0:
        return "Nothing of that batch was stored (this run's first)"
    before = "the one before it was" if written == 1 else f"the {written} before it were"
    return f"Nothing of that batch was stored; {before}"


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk
