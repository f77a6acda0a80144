#!/usr/bin/env python3
"""What two workers do twice: the words each meets for the first time, counted.

    python benchmarks/first_meetings.py [--limit 10000] [--chunksize 8 64]
                                        [--corpus ../shared/corpus/ant2018.jsonl.gz]

A word met for the first time costs a process its tagger rows (``FeatureIds.rows``) and, in
a name, its Latin reading (``Model.transliterate``); a pool's workers each meet their share
of the stream's words for themselves. This analyses the first ``--limit`` articles in one
process, then split as the pool splits them (alternate chunks of ``--chunksize`` articles,
one share a fresh process, the two at once), and counts both in each process by wrapping the
two methods. Counts, not times: they do not move with the machine. Prints a table on stderr
and one JSON line on stdout.
"""

# ruff: noqa: E402 - the thread limits below must be set before anything is imported

from __future__ import annotations

from machine import add_corpus, machine, pin_one_thread, read_articles

pin_one_thread()

import argparse
import json
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import Any


def count(corpus: Path, limit: int, chunksize: int, share: int | None) -> dict[str, Any]:
    """Analyse the articles (``share``: only chunks share, share + 2, …) in this process and
    count its first meetings."""
    import qawl
    from qawl.entities.feature_ids import FeatureIds
    from qawl.entities.latin import Model
    from qawl.run.pool import warm_up

    warm_up()
    counts = {"tagger_rows": 0, "latin_readings": 0}

    def counted(method: Any, name: str) -> Any:
        def wrapper(self: Any, arg: str) -> Any:
            counts[name] += 1
            return method(self, arg)

        return wrapper

    FeatureIds.rows = counted(FeatureIds.rows, "tagger_rows")  # type: ignore[method-assign]
    Model.transliterate = counted(Model.transliterate, "latin_readings")  # type: ignore[method-assign]
    articles = read_articles(corpus, limit)
    if share is not None:
        articles = [a for k, a in enumerate(articles) if (k // chunksize) % 2 == share]
    started = time.process_time()
    for article in articles:
        qawl.analyse(article)
    return {"articles": len(articles), **counts, "cpu_s": round(time.process_time() - started, 2)}


def run(corpus: Path, limit: int, chunksizes: list[int]) -> dict[str, Any]:
    spawn = get_context("spawn")  # every count starts from a fresh process
    with ProcessPoolExecutor(1, mp_context=spawn) as fresh:
        one = fresh.submit(count, corpus, limit, 1, None).result()
    split = {}
    for size in chunksizes:
        with ProcessPoolExecutor(2, mp_context=spawn) as pool:
            shares = [pool.submit(count, corpus, limit, size, s) for s in (0, 1)]
            split[size] = [s.result() for s in shares]
    return {
        "benchmark": "first_meetings",
        "corpus": corpus.name,
        "limit": limit,
        "one_process": one,
        "two_workers": {str(size): shares for size, shares in split.items()},
        "machine": machine(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_corpus(parser)
    parser.add_argument("--limit", type=int, default=10000, help="the first N articles (default: 10000)")
    parser.add_argument(
        "--chunksize", type=int, nargs="+", default=[8], help="articles a chunk of the split (default: 8)"
    )
    args = parser.parse_args(argv)
    result = run(args.corpus, args.limit, args.chunksize)
    one = result["one_process"]
    print(
        f"one process: {one['articles']} articles, {one['tagger_rows']} tagger rows, "
        f"{one['latin_readings']} Latin readings, {one['cpu_s']} CPU s",
        file=sys.stderr,
    )
    for size, shares in result["two_workers"].items():
        rows = sum(s["tagger_rows"] for s in shares)
        readings = sum(s["latin_readings"] for s in shares)
        print(
            f"two workers, chunks of {size}: {rows} tagger rows (×{rows / one['tagger_rows']:.2f}), "
            f"{readings} Latin readings (×{readings / one['latin_readings']:.2f})",
            file=sys.stderr,
        )
    print(json.dumps(result))
    return 0


if __name__ == "__main__":  # the guard spawned processes need
    sys.exit(main())
