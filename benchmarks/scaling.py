#!/usr/bin/env python3
"""How analysis scales over processes: one process, the local pool, a Dask LocalCluster.

    python benchmarks/scaling.py [--limit 1000] [--workers 2] [--chunksize N] [--slices N]
                                 [--corpus ../shared/corpus/ant2018.jsonl.gz]

Reads the first ``--limit`` articles of a JSON Lines corpus (the reader of ``qawl extract
--jsonl``) into memory and analyses them through ``qawl.run`` three ways: the local pool of
``--workers`` processes, a Dask LocalCluster of as many single-threaded worker processes, and
one process (a fresh one, which reads the articles itself: it inherits nothing of the other
two). The three are started first (processes up, models loaded; the start-up is reported
apart), then the articles are cut into ``--slices`` consecutive slices and the three take each
slice in turn, in an order rotated at every slice, so that the machine's drift during the
run falls on all three alike. Each keeps what it learnt from one slice to the next, as over
one stream. Each run does the work of ``qawl extract --jsonl``: every record becomes its JSON
line (the sink's encoder, run where the record is made, as ``extract`` runs it), and the
process that collects the lines only hashes them, to compare the runs. Prints a table on
stderr and one JSON line on stdout: words/s and articles/s of each run, the CPU time its
processes spent (and the collecting process's: reading the results, and for Dask its
LocalCluster's scheduler), the pool's speed-up over one process (in all and slice by slice),
the Dask run's time over the pool's, peak memory per process, and whether the three runs
gave the same records.
"""

# ruff: noqa: E402 - the thread limits below must be set before anything is imported

from __future__ import annotations

from machine import add_corpus, machine, peak_rss_mib, pin_one_thread, read_articles

pin_one_thread()

import argparse
import hashlib
import json
import os
import resource
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from itertools import pairwise
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import qawl
from qawl.ingest.readers import Failure
from qawl.record import Article
from qawl.run import Encoded, Runner, open_runner
from qawl.run.sinks import json_line


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


RUNS = ("one process", "pool", "dask")


class Tally:
    """One runner's sums over the slices: time, CPU, what it gave, and a digest of its records
    (the digest of each slice's digest, the same for every runner that gives the same records
    in the same order)."""

    def __init__(self, name: str, engine: str, workers: int, chunksize: int | None, startup: float) -> None:
        self.name, self.engine, self.workers, self.chunksize = name, engine, workers, chunksize
        self.startup = startup
        self.seconds = self.cpu = self.own_cpu = 0.0
        self.cpu_known = True
        self.statements = self.failures = 0
        self.digest = hashlib.sha256()
        self.by_slice: list[float] = []
        self.peaks: list[float | None] = []

    def add(self, part: dict[str, Any]) -> None:
        self.seconds += part["seconds"]
        self.by_slice.append(part["seconds"])
        if part["cpu"] is None:
            self.cpu_known = False
        else:
            self.cpu += part["cpu"]
        self.own_cpu += part["own_cpu"]
        self.statements += part["statements"]
        self.failures += part["failures"]
        self.digest.update(bytes.fromhex(part["digest"]))

    def result(self, articles: int, words: int) -> dict[str, Any]:
        return {
            "run": self.name,
            "engine": self.engine,
            "workers": self.workers,
            "chunksize": self.chunksize,  # articles a task (none in one process)
            "startup_s": round(self.startup, 2),
            "seconds": round(self.seconds, 2),
            "seconds_by_slice": [round(x, 2) for x in self.by_slice],
            "cpu_s": round(self.cpu, 2) if self.cpu_known else None,
            "runner_cpu_s": round(self.own_cpu, 2),  # this process: reading results (and Dask's scheduler)
            "articles_per_s": round(articles / self.seconds, 2),
            "words_per_s": round(words / self.seconds),
            "peak_rss_mib_per_process": [round(p, 1) if p is not None else None for p in self.peaks],
            "statements": self.statements,
            "failures": self.failures,
            "records_sha256": self.digest.hexdigest(),
        }


def analyse_slice(runner: Runner, articles: list[Article], pids: list[int]) -> dict[str, Any]:
    """One slice through a started runner, timed: its wall-clock seconds, the CPU its processes
    and this one spent, and what came back (each record's JSON line, made where it was analysed,
    as ``qawl extract --jsonl`` has it made; here only hashed)."""
    cpu_before = cpu_seconds(pids)
    own_before = time.process_time()
    started = time.perf_counter()
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
    seconds = time.perf_counter() - started
    own_cpu = time.process_time() - own_before
    cpu_after = cpu_seconds(pids)
    cpu = cpu_after - cpu_before if cpu_after is not None and cpu_before is not None else None
    return {
        "seconds": seconds,
        "cpu": cpu,
        "own_cpu": own_cpu,
        "statements": statements,
        "failures": failures,
        "digest": digest.hexdigest(),
    }


# The one-process run lives in a process of its own (spawned: it inherits nothing of the other
# runs), which reads the articles itself and analyses the slices it is sent, by their bounds.
_alone: tuple[Runner, list[Article]] | None = None


def _start_alone(corpus: Path, limit: int) -> float:
    """In the one-process run's process: its runner started (models loaded), then the articles
    read; the start-up's seconds."""
    global _alone
    started = time.perf_counter()
    runner = open_runner("local", workers=1)
    runner.start()
    startup = time.perf_counter() - started
    _alone = (runner, read_articles(corpus, limit))
    return startup


def _alone_slice(begin: int, end: int) -> dict[str, Any]:
    assert _alone is not None
    runner, articles = _alone
    return analyse_slice(runner, articles[begin:end], [os.getpid()])


def bounds(n: int, slices: int) -> list[tuple[int, int]]:
    """``n`` articles cut into ``slices`` consecutive slices of (nearly) equal size."""
    cuts = [round(n * k / slices) for k in range(slices + 1)]
    return [(a, b) for a, b in pairwise(cuts) if b > a]


def run(corpus: Path, limit: int, workers: int, chunksize: int | None, slices: int) -> dict[str, Any]:
    """The three runners started side by side, then fed the same slices of the articles in
    turn, the order of the three rotated at every slice: the machine's drift over the run (10%
    and more within minutes, seen here) falls on all three alike instead of on whichever ran
    last."""
    # The pool first: its processes are forked from this one, which must not yet hold the
    # articles (a forked worker's peak memory would count them; ``qawl extract`` streams its
    # input). Dask's workers and the one process are started afresh.
    started = time.perf_counter()
    with (
        open_runner("local", workers=workers, chunksize=chunksize) as pool,  # type: ignore[arg-type]
        open_runner("dask", workers=workers, chunksize=chunksize) as dask,  # type: ignore[arg-type]
        ProcessPoolExecutor(1, mp_context=get_context("spawn")) as alone,
    ):
        pool.start()
        pool_startup = time.perf_counter() - started
        started = time.perf_counter()
        dask.start()
        dask_startup = time.perf_counter() - started
        alone_startup = alone.submit(_start_alone, corpus, limit).result()
        articles = read_articles(corpus, limit)
        words = sum(len(a.text.split()) for a in articles)
        tallies = {
            t.name: t
            for t in (
                Tally("one process", "local", 1, None, alone_startup),
                Tally("pool", "local", workers, pool.chunksize, pool_startup),  # type: ignore[attr-defined]
                Tally("dask", "dask", workers, dask.chunksize, dask_startup),  # type: ignore[attr-defined]
            )
        }
        pids = {"pool": pool.pids(), "dask": dask.pids()}
        cuts = bounds(len(articles), slices)
        for k, (begin, end) in enumerate(cuts):
            for name in RUNS[k % 3 :] + RUNS[: k % 3]:
                if name == "one process":
                    part = alone.submit(_alone_slice, begin, end).result()
                else:
                    runner = pool if name == "pool" else dask
                    part = analyse_slice(runner, articles[begin:end], pids[name])
                tallies[name].add(part)
        tallies["one process"].peaks = [alone.submit(peak_rss_mib).result()]
        tallies["pool"].peaks = [peak_rss_mib(pid) for pid in pids["pool"]]
        tallies["dask"].peaks = [peak_rss_mib(pid) for pid in pids["dask"]]
    runs = [tallies[name].result(len(articles), words) for name in RUNS]
    one, pool_run, dask_run = runs
    by_slice = [
        round(a / b, 2) for a, b in zip(one["seconds_by_slice"], pool_run["seconds_by_slice"], strict=True)
    ]
    return {
        "benchmark": "scaling",
        "qawl": qawl.__version__,
        "corpus": corpus.name,
        "articles": len(articles),
        "words": words,
        "slices": len(cuts),
        "runs": runs,
        "speedup_pool_vs_one": round(one["seconds"] / pool_run["seconds"], 2),
        "speedup_by_slice": by_slice,
        "dask_vs_pool": round(dask_run["seconds"] / pool_run["seconds"], 3),
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
    parser.add_argument(
        "--slices",
        type=int,
        default=None,
        help="slices the runners take in turn (default: 6; fewer below 6,000 articles: 1,000 a slice)",
    )
    args = parser.parse_args(argv)
    # A slice ends with the runners' last tasks running while their other processes wait: a
    # slice of many tasks keeps that small beside its work.
    slices = args.slices or max(1, min(6, args.limit // 1000))
    result = run(args.corpus, args.limit, args.workers, args.chunksize, slices)
    head = f"{result['articles']} articles, {result['words']} words"
    cut = "one slice" if result["slices"] == 1 else f"{result['slices']} slices"
    print(f"{head}, in {cut} taken by the three runners in turn", file=sys.stderr)
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
        f"  pool vs one process: ×{result['speedup_pool_vs_one']} (slice by slice: "
        f"{min(result['speedup_by_slice'])}-{max(result['speedup_by_slice'])}); dask / pool time: "
        f"{result['dask_vs_pool']}; same records: {'yes' if result['same_records'] else 'NO'}",
        file=sys.stderr,
    )
    print(json.dumps(result, ensure_ascii=False))
    return 0 if result["same_records"] else 1


if __name__ == "__main__":  # the guard Dask's spawned workers need
    sys.exit(main())
