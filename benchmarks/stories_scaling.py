"""How the cost of filing statements into stories grows with the store: at three sizes.

    .venv/bin/python benchmarks/stories_scaling.py --db ant.db [--fractions 0.25 0.5 1] [--work DIR]

``--db`` is a SQLite store (the whole of ../shared/corpus/ant2018.jsonl.gz ingested). For each
fraction, a copy of it keeps that first share of its articles (in the order they were stored),
its statements are taken out of their stories (as a store of qawl/1 holds them), and
``qawl stories`` files them again, timed: reading the records back, finding their answers,
looking up each statement's keys, comparing it with the stories it meets and writing it.
Filing is one pass in the order stored, each statement against a bounded number of
candidates found through indexed keys, so the time per statement may grow with log n (the
indexes) and no faster; the result prints it, and t / (n log2 n) normalised to the smallest
size, with one JSON line on stdout.
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from machine import machine

from qawl.store import connect
from qawl.store.stories import link_stored


def prepared(source: Path, fraction: float, folder: Path) -> tuple[Path, int]:
    """A copy of ``source`` with its first ``fraction`` of articles, none filed into a story."""
    target = folder / f"store-{fraction:g}.db"
    shutil.copyfile(source, target)
    db = sqlite3.connect(target)
    total = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    keep = math.ceil(total * fraction)
    # Table by table, not by cascade: a cascade looks up each article's rows one by one.
    last = db.execute(
        "SELECT max(ingested) FROM (SELECT ingested FROM articles ORDER BY ingested LIMIT ?)", (keep,)
    )
    db.execute("CREATE TEMP TABLE gone AS SELECT id FROM articles WHERE ingested > ?", (last.fetchone()[0],))
    db.execute("CREATE TEMP TABLE gone_statements AS SELECT id FROM statements WHERE article_id IN gone")
    db.execute("CREATE TEMP TABLE gone_entities AS SELECT id FROM entities WHERE article_id IN gone")
    for table, column, ids in (
        ("chain_links", "statement_id", "gone_statements"),
        ("mentions", "entity_id", "gone_entities"),
        ("statements", "id", "gone_statements"),
        ("entities", "id", "gone_entities"),
        ("dates", "article_id", "gone"),
        ("copies", "article_id", "gone"),
        ("minhash_bands", "article_id", "gone"),
        ("articles", "id", "gone"),
    ):
        db.execute(f"DELETE FROM {table} WHERE {column} IN {ids}")
    db.execute("DELETE FROM statement_keys")
    db.execute("DELETE FROM responses")
    db.execute("UPDATE statements SET story_id = NULL, speaker_key = NULL, words = NULL")
    db.commit()
    db.execute("VACUUM")
    db.close()
    return target, keep


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--fractions", type=float, nargs="+", default=[0.25, 0.5, 1.0])
    parser.add_argument(
        "--work", type=Path, default=None, help="Where the copies go (default: a temporary folder)."
    )
    args = parser.parse_args(argv)
    folder = args.work or Path(tempfile.mkdtemp(prefix="qawl-stories-"))
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for fraction in sorted(args.fractions):
        path, articles = prepared(args.db, fraction, folder)
        engine = connect(path)
        started = time.perf_counter()
        with engine.begin() as conn:
            n = link_stored(conn)
        seconds = time.perf_counter() - started
        engine.dispose()
        path.unlink()
        rows.append(
            {"fraction": fraction, "articles": articles, "statements": n, "seconds": round(seconds, 2)}
        )
        print(
            f"{articles} articles, {n} statements: {seconds:.1f} s, {1e6 * seconds / n:.0f} µs a statement",
            file=sys.stderr,
        )
    base = rows[0]
    for row in rows:
        n = row["statements"]
        row["us_per_statement"] = round(1e6 * row["seconds"] / n, 1)
        per_nlogn = row["seconds"] / (n * math.log2(n))
        row["over_n_log_n"] = round(
            per_nlogn / (base["seconds"] / (base["statements"] * math.log2(base["statements"]))), 3
        )
    print(
        json.dumps({"benchmark": "stories_scaling", "sizes": rows, "machine": machine()}, ensure_ascii=False)
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
