#!/usr/bin/env python3
"""How analysis scales over processes: one process, the local pool, a Dask LocalCluster.

    python benchmarks/scaling.py [--limit 1000] [--workers 2] [--chunksize N]
                                 [--corpus ../shared/corpus/ant2018.jsonl.gz]

Reads the first ``--limit`` articles of a JSON Lines corpus (the reader of ``qawl extract
--jsonl``) into memory and analyses the same list three times through ``qawl.run``: the
local pool of ``--workers`` processes, a Dask LocalCluster of as many single-threaded worker
processes, and one process (a fresh one, started for that run alone: the process that ran the
other two holds their runners' leftovers). Each run does the work of ``qawl extract --jsonl``:
every record becomes its JSON line (the sink's encoder, run where the record is made, as
``extract`` runs it), and this process reads the lines (it hashes them, to compare the runs).
Each runner is started (processes up, models loaded) before the articles are read and before
the clock starts; its start-up is reported apart. Prints a table on stderr and one JSON line
on stdout: words/s and articles/s of each run, the CPU time its processes spent (and this
process's: reading the results, and for Dask its LocalCluster's scheduler), the pool's
speed-up over one process, the Dask run's time over the pool's, peak memory per process, and
whether the three runs gave the same records.
"""

# ruff: noqa: E402 - the thread limits below must be set before anything is imported

from __future__ import annotations

from machine import add_corpus, machine, pin_one_thread

pin_one_thread()

import argparse
import hashlib
import json
import os
import resource
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from functools import cache, partial
from itertools import islice
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import qawl
from qawl.ingest.readers import Failure, read_jsonl
from qawl.record import Article
from qawl.run import Encoded, open_runner
from qawl.run.sinks import json_line


def peak_rss_mib(pid: int | None = None) -> float | None:
    """A process's peak resident memory: VmHWM of /proc (Linux), or ru_maxrss of this one."""
    if pid is None:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak / 2**20 if sys.platform == "darwin" else peak / 2**10  # bytes on macOS, KiB on Linux
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 2**10
    except OSError:
        pass
    return None


def cpu_seconds(pids: list[int]) -> float | None:
    """CPU time (user and system) the processes have spent so far: /proc/PID/stat (Linux), or
    getrusage for this process."""
    total = 0.0
    for pid in pids:
        if pid == os.getpid():
            usage = resource.getrusage(resource.RUSAGE_SELF)
            total += usage.ru_utime + usage.ru_stime
            continue
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime
    return total


def read(corpus: Path, limit: int) -> list[Article]:
    """The first ``limit`` articles of the corpus, in memory."""
    return [a for a in islice(read_jsonl(str(corpus)), limit) if isinstance(a, Article)]


def timed(
    name: str, engine: str, workers: int, chunksize: int | None, load: Callable[[], list[Article]]
) -> dict[str, Any]:
    """One run: start-up (untimed in the rate), the analysis of every article, and its records.
    The articles are loaded once the runner is up, so that a forked worker does not inherit
    them (its peak memory would count them; ``qawl extract`` streams its input)."""
    started = time.perf_counter()
    with open_runner(engine, workers=workers, chunksize=chunksize) as runner:  # type: ignore[arg-type]
        runner.start()
        startup = time.perf_counter() - started
        articles = load()
        pids = runner.pids()
        cpu_before = cpu_seconds(pids)
        own_before = time.process_time()
        ready = time.perf_counter()
        digest = hashlib.sha256()
        failures = statements = 0
        for result in runner.analyse(articles, json_line):
            if isinstance(result, Failure):
                failures += 1
                digest.update(f"failure {result.input} {result.reason}\n".encode())
            else:
                assert isinstance(result, Encoded)
                statements += result.statements
                digest.update(result.payload.encode())
        seconds = time.perf_counter() - ready
        own_cpu = time.process_time() - own_before
        cpu_after = cpu_seconds(pids)
        cpu = cpu_after - cpu_before if cpu_after is not None and cpu_before is not None else None
        peaks = [peak_rss_mib(None if pid == os.getpid() else pid) for pid in pids]
    return {
        "run": name,
        "engine": engine,
        "workers": workers,
        "chunksize": getattr(runner, "chunksize", None),  # articles a task (none in one process)
        "startup_s": round(startup, 2),
        "seconds": round(seconds, 2),
        "cpu_s": round(cpu, 2) if cpu is not None else None,
        "runner_cpu_s": round(own_cpu, 2),  # this process: reading results (and Dask's scheduler)
        "articles_per_s": round(len(articles) / seconds, 2),
        "words_per_s": round(sum(len(a.text.split()) for a in articles) / seconds),
        "peak_rss_mib_per_process": [round(p, 1) if p is not None else None for p in peaks],
        "statements": statements,
        "failures": failures,
        "records_sha256": digest.hexdigest(),
    }


def one_process(corpus: Path, limit: int, chunksize: int | None) -> dict[str, Any]:
    """The one-process run, in the process that calls it."""
    return timed("one process", "local", 1, chunksize, partial(read, corpus, limit))


def run(corpus: Path, limit: int, workers: int, chunksize: int | None) -> dict[str, Any]:
    # The pool first: its processes are forked from this one, which must not yet hold the
    # other runs' caches (nor the articles: see timed). Dask's workers are started afresh.
    load = cache(partial(read, corpus, limit))  # read once, after the pool has forked
    pool = timed("pool", "local", workers, chunksize, load)
    dask = timed("dask", "dask", workers, chunksize, load)
    with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as fresh:
        one = fresh.submit(one_process, corpus, limit, chunksize).result()
    runs = [one, pool, dask]
    return {
        "benchmark": "scaling",
        "qawl": qawl.__version__,
        "corpus": corpus.name,
        "articles": len(load()),
        "words": sum(len(a.text.split()) for a in load()),
        "runs": runs,
        "speedup_pool_vs_one": round(one["seconds"] / pool["seconds"], 2),
        "dask_vs_pool": round(dask["seconds"] / pool["seconds"], 3),
        "same_records": len({r["records_sha256"] for r in runs}) == 1,
        "machine": machine(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_corpus(parser)
    parser.add_argument("--limit", type=int, default=1000, help="the first N articles (default: 1000)")
    parser.add_argument("--workers", type=int, default=2, help="processes of the pool and the cluster")
    parser.add_argument(
        "--chunksize", type=int, default=None, help="articles a task (default: each runner's own)"
    )
    args = parser.parse_args(argv)
    result = run(args.corpus, args.limit, args.workers, args.chunksize)
    head = f"{result['articles']} articles, {result['words']} words"
    print(head, file=sys.stderr)
    for r in result["runs"]:
        peaks = ", ".join(f"{p:.0f}" if p is not None else "?" for p in r["peak_rss_mib_per_process"])
        print(
            f"  {r['run']:<12} {r['workers']} × {r['engine']:<5} chunks {r['chunksize'] or '-':>2}  "
            f"start-up {r['startup_s']:6.2f} s  "
            f"{r['seconds']:7.2f} s (CPU {r['cpu_s']} s; runner {r['runner_cpu_s']} s)  "
            f"{r['words_per_s']:>7} words/s  "
            f"{r['articles_per_s']:6.2f} articles/s  "
            f"peak RSS MiB: {peaks}",
            file=sys.stderr,
        )
    print(
        f"  pool vs one process: ×{result['speedup_pool_vs_one']}; dask / pool time: "
        f"{result['dask_vs_pool']}; same records: {'yes' if result['same_records'] else 'NO'}",
        file=sys.stderr,
    )
    print(json.dumps(result, ensure_ascii=False))
    return 0 if result["same_records"] else 1


if __name__ == "__main__":  # the guard Dask's spawned workers need
    sys.exit(main())
