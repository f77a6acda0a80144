"""Search latency over a store: one-word queries with a speaker or a date filter.

    .venv/bin/python benchmarks/search_latency.py --db ant.db [--queries 400] [--seed 1]

The store should hold a large corpus (the README's figure: the whole ANT corpus,
``qawl ingest ../shared/corpus/ant2018.jsonl.gz --db ant.db``).  Words are drawn from the
stored statements (frequent and rare alike: a word of a random statement), speakers from
the stored speakers, date ranges as a random month of the stored days.  Each query is
timed in this process, through ``qawl.store.search.search_statements`` (20 results, as
the CLI and the web pages ask for), after 20 untimed warm-up queries.  Prints p50, p95 and
p99 in milliseconds per kind, and one JSON line on stdout.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time

from machine import machine
from sqlalchemy import func, select

from qawl.store import connect
from qawl.store import schema as s
from qawl.store.search import Filters, search_statements
from qawl.store.search_text import search_words


def samples(engine, n: int, rng: random.Random) -> tuple[list[str], list[str], list[str]]:  # type: ignore[no-untyped-def]
    with engine.connect() as conn:
        top = conn.scalar(select(func.max(s.statements.c.id))) or 0
        words: list[str] = []
        while len(words) < n:
            text = conn.scalar(select(s.statements.c.text).where(s.statements.c.id == rng.randint(1, top)))
            ws = [w for w in search_words(text or "") if len(w) > 2]
            if ws:
                words.append(rng.choice(ws))
        speakers = list(
            conn.scalars(
                select(s.entities.c.name)
                .join(s.statements, s.statements.c.speaker_id == s.entities.c.id)
                .where(s.entities.c.type == "PER")
                .group_by(s.entities.c.name)
                .order_by(func.count().desc())
                .limit(200)
            )
        )
        months = sorted(
            {d[:7] for d in conn.scalars(select(s.statements.c.day).distinct()) if d and len(d) >= 7}
        )
    return words, speakers, months


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", required=True)
    parser.add_argument("--queries", type=int, default=400)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    engine = connect(args.db)
    words, speakers, months = samples(engine, args.queries, rng)
    kinds = {
        "word+speaker": lambda w: Filters(speaker=rng.choice(speakers)),
        "word+dates": lambda w: _month(rng.choice(months)),
        "word": lambda w: Filters(),
    }
    for w in words[:20]:  # warm-up: the page cache and the engine's connection pool
        search_statements(engine, w)
    result: dict[str, object] = {"db": args.db, "queries": args.queries, "machine": machine()}
    for kind, make in kinds.items():
        times = []
        for w in words:
            filters = make(w)
            t = time.perf_counter()
            search_statements(engine, w, filters)
            times.append((time.perf_counter() - t) * 1000)
        row = {
            "p50_ms": round(statistics.median(times), 2),
            "p95_ms": round(percentile(times, 95), 2),
            "p99_ms": round(percentile(times, 99), 2),
        }
        result[kind] = row
        print(
            f"{kind:14} p50 {row['p50_ms']:7.2f} ms  p95 {row['p95_ms']:7.2f} ms"
            f"  p99 {row['p99_ms']:7.2f} ms",
            file=sys.stderr,
        )
    print(json.dumps(result, ensure_ascii=False))
    return 0


def _month(month: str) -> Filters:
    return Filters(since=month + "-01", until=month + "-31")


if __name__ == "__main__":
    raise SystemExit(main())
