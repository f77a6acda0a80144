"""Crash safety: kill ``qawl ingest`` with SIGKILL at random moments, rerun it, and check that
the store ends with exactly the rows of an uninterrupted run.

    .venv/bin/python benchmarks/ingest_kill.py                      # the whole ANT corpus, 10 kills
    .venv/bin/python benchmarks/ingest_kill.py --limit 2000 --kills 5
    .venv/bin/python benchmarks/ingest_kill.py --clean clean.db --clean-seconds 1508   # reuse a run's store

It first ingests the corpus (its first ``--limit`` articles) into a fresh store without
interruption, timing it (or takes ``--clean`` and ``--clean-seconds``).  Then, into a
second fresh store, it starts ``qawl ingest`` and kills it with SIGKILL after a random
delay (uniform between 2 s and a fifth of the clean run's time; the model loading of each
start is within it), ``--kills`` times, each time rerunning the same command; a last run
goes to the end.  The row counts of every table (``qawl.store.reader.counts``) and every
stored record must be the same in both stores.  Prints what happened and one JSON line on
stdout; exits 1 on a difference.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from qawl.store import connect
from qawl.store.reader import counts, records

CORPUS = Path("../shared/corpus/ant2018.jsonl.gz")


def command(db: Path, corpus: Path, workers: int) -> list[str]:
    return [sys.executable, "-m", "qawl", "ingest", "--db", str(db), "--workers", str(workers), str(corpus)]


def head(corpus: Path, limit: int, out: Path) -> Path:
    with gzip.open(corpus, "rt", encoding="utf-8") as src, out.open("w", encoding="utf-8") as dst:
        for n, line in enumerate(src):
            if n >= limit:
                break
            dst.write(line)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--limit", type=int, help="Only the first N articles.")
    parser.add_argument("--kills", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--clean", type=Path, help="A store of an uninterrupted run over the same input.")
    parser.add_argument("--clean-seconds", type=float, help="How long that run took (with --clean).")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="qawl-kill-"))
    corpus = head(args.corpus, args.limit, work / "input.jsonl") if args.limit else args.corpus

    clean = args.clean or work / "clean.db"
    started = time.monotonic()
    if args.clean is None:
        subprocess.run(command(clean, corpus, args.workers), check=False, stderr=subprocess.DEVNULL)
    clean_seconds = args.clean_seconds or time.monotonic() - started
    print(f"uninterrupted run: {clean_seconds:.0f} s", file=sys.stderr)

    killed = work / "killed.db"
    moments = []
    for n in range(args.kills):
        delay = rng.uniform(2.0, max(3.0, clean_seconds / 5))
        run = subprocess.Popen(command(killed, corpus, args.workers), stderr=subprocess.DEVNULL)
        try:
            run.wait(timeout=delay)
            print(f"run {n + 1}: finished before its kill at {delay:.1f} s", file=sys.stderr)
        except subprocess.TimeoutExpired:
            run.send_signal(signal.SIGKILL)
            run.wait()
            stored = counts(connect(killed))["articles"] if killed.exists() else 0
            print(f"run {n + 1}: killed at {delay:.1f} s, {stored} articles stored", file=sys.stderr)
        moments.append(round(delay, 1))
    subprocess.run(command(killed, corpus, args.workers), check=False, stderr=subprocess.DEVNULL)

    a, b = connect(clean), connect(killed)
    same_counts = counts(a) == counts(b)
    same_records = same_counts and all(
        x.to_json() == y.to_json() for x, y in zip(records(a), records(b), strict=True)
    )
    result = {
        "articles_input": args.limit or "all",
        "kills": moments,
        "clean_seconds": round(clean_seconds),
        "counts": counts(b),
        "same_counts": same_counts,
        "same_records": same_records,
    }
    print(f"counts equal: {same_counts}; records equal: {same_records}", file=sys.stderr)
    print(json.dumps(result))
    return 0 if same_counts and same_records else 1


if __name__ == "__main__":
    raise SystemExit(main())
