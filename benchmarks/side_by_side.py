#!/usr/bin/env python3
"""Two versions of qawl on the same articles, in turn: which spends less CPU.

    python benchmarks/side_by_side.py BEFORE AFTER [--limit 31489] [--slice 1000]
                                      [--corpus ../shared/corpus/ant2018.jsonl.gz]

BEFORE and AFTER are source trees of qawl (a repository root each, its compiled modules
built in place), for instance the commit before a change checked out beside this one:

    git worktree add /tmp/before HEAD~1
    (py=$PWD/.venv/bin/python; cd /tmp/before && $py setup.py build_ext --inplace)  # needs Cython
    .venv/bin/python benchmarks/side_by_side.py /tmp/before .

The machines of this project change speed by a fifth and more within minutes, more than most
changes do, so two whole-corpus runs one after the other compare the moments, not the code.
Here each tree gets a fresh process of its own (spawned: it imports its own qawl), readied
as the runner readies a worker (``warm_up``), which reads the articles itself; the articles
are cut into slices of ``--slice`` and the two analyse each slice in turn, one at a time (one
core each), the first of the two alternating from slice to slice, each keeping its memories
from one slice to the next as over one stream. Prints each tree's wall-clock and CPU seconds,
AFTER's CPU over BEFORE's in all and slice by slice, and each process's peak memory (the
articles it holds included), on stderr, and one JSON line on stdout.
"""

# ruff: noqa: E402 - the thread limits below must be set before anything is imported

from __future__ import annotations

from machine import add_corpus, machine, own_peak_rss_mib, pin_one_thread, read_articles

pin_one_thread()

import argparse
import json
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import Any

_articles: list[Any] = []  # in each tree's process: the articles it reads
_analyse: Any = None  # and that tree's qawl.analyse


def _start(tree: str, corpus: Path, limit: int) -> int:
    """In a tree's process: its qawl imported and readied, the articles read; their count."""
    global _analyse
    sys.path.insert(0, tree)
    import qawl
    from qawl.run.pool import warm_up

    if not Path(qawl.__file__).resolve().is_relative_to(Path(tree).resolve()):
        raise SystemExit(f"{tree}: imported qawl from {qawl.__file__} instead")
    warm_up()
    _analyse = qawl.analyse
    _articles[:] = read_articles(corpus, limit)
    return len(_articles)


def _slice(begin: int, end: int) -> tuple[float, float]:
    """In a tree's process: the wall-clock and CPU seconds of analysing one slice."""
    wall, cpu = time.perf_counter(), time.process_time()
    for article in _articles[begin:end]:
        _analyse(article)
    return time.perf_counter() - wall, time.process_time() - cpu


def run(trees: list[str], corpus: Path, limit: int, size: int) -> dict[str, Any]:
    context = get_context("spawn")
    pools = [ProcessPoolExecutor(1, mp_context=context) for _ in trees]
    try:
        started = [pool.submit(_start, tree, corpus, limit) for pool, tree in zip(pools, trees, strict=True)]
        counts = [future.result() for future in started]
        wall, cpu, ratios = [0.0, 0.0], [0.0, 0.0], []
        for k, begin in enumerate(range(0, counts[0], size)):
            spent = [(0.0, 0.0), (0.0, 0.0)]
            for i in (0, 1) if k % 2 == 0 else (1, 0):
                spent[i] = pools[i].submit(_slice, begin, begin + size).result()
                wall[i] += spent[i][0]
                cpu[i] += spent[i][1]
            ratios.append(spent[1][1] / spent[0][1])
        peaks = [pool.submit(own_peak_rss_mib).result() for pool in pools]
    finally:
        for pool in pools:
            pool.shutdown()
    return {
        "benchmark": "side_by_side",
        "corpus": corpus.name,
        "articles": counts[0],
        "slice": size,
        "trees": [
            {"tree": tree, "seconds": round(w, 2), "cpu_s": round(c, 2), "peak_rss_mib": round(p, 1)}
            for tree, w, c, p in zip(trees, wall, cpu, peaks, strict=True)
        ],
        "after_over_before_cpu": round(cpu[1] / cpu[0], 4),
        "by_slice": [round(r, 3) for r in ratios],
        "machine": machine(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("before", help="a qawl source tree (its compiled modules built in place)")
    parser.add_argument("after", help="another")
    add_corpus(parser)
    parser.add_argument("--limit", type=int, default=31489, help="the first N articles (default: all of ANT)")
    parser.add_argument("--slice", type=int, default=1000, help="articles a slice (default: 1000)")
    args = parser.parse_args(argv)
    result = run([args.before, args.after], args.corpus, args.limit, args.slice)
    for t in result["trees"]:
        print(
            f"{t['tree']}: {t['seconds']} s, CPU {t['cpu_s']} s, peak {t['peak_rss_mib']} MiB",
            file=sys.stderr,
        )
    by_slice = sorted(result["by_slice"])
    print(
        f"{result['articles']} articles: after/before CPU {result['after_over_before_cpu']} "
        f"(slice by slice {by_slice[0]}-{by_slice[-1]}, median {by_slice[len(by_slice) // 2]})",
        file=sys.stderr,
    )
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":  # the guard spawned processes need
    sys.exit(main())
