"""Ingest runs: a pool of analysis processes stores what one process stores, a second run
adds nothing, and a run killed with SIGKILL is completed by running it again."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from qawl.ingest.readers import Failure, read_jsonl
from qawl.store import connect
from qawl.store.ingest import ingest
from qawl.store.reader import counts, records
from tests.store_data import dev_articles

ROOT = Path(__file__).resolve().parents[1]


def write_jsonl(path: Path, n: int | None = None) -> Path:
    lines = [
        json.dumps({k: v for k, v in vars_of(a).items() if v is not None}, ensure_ascii=False)
        for a in dev_articles(n)
    ]
    lines.insert(3, "{not json")  # a broken line: a failure, and the rest goes on
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def vars_of(article) -> dict:  # type: ignore[no-untyped-def]
    return {f: getattr(article, f) for f in ("id", "text", "source", "url", "published", "title")}


def test_a_pool_stores_what_one_process_stores(store_target: str, tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "dev.jsonl", 10)
    one = connect(store_target)
    added = ingest(one, read_jsonl(str(source)), workers=1, batch=4)
    assert (added.articles, added.failures) == (10, 1)
    expected = [r.to_json() for r in records(one)]
    again = ingest(one, read_jsonl(str(source)), workers=2, batch=4)
    assert (again.articles, again.skipped, again.failures) == (0, 10, 1)
    one.dispose()

    other = tmp_path / "pool.db"
    pool = connect(other)
    ingest(pool, read_jsonl(str(source)), workers=2, batch=4)
    assert [r.to_json() for r in records(pool)] == expected
    pool.dispose()


def test_a_killed_run_is_completed_by_a_rerun(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "dev.jsonl")
    clean = tmp_path / "clean.db"
    ingest(connect(clean), read_jsonl(str(source)), batch=4)
    killed = tmp_path / "killed.db"
    code = (
        "import sys; from qawl.ingest.readers import read_jsonl; from qawl.store import connect;"
        "from qawl.store.ingest import ingest; ingest(connect(sys.argv[1]), read_jsonl(sys.argv[2]), batch=4)"
    )
    for wait_for in (1, 12):  # kill once after the first batches, once later
        run = subprocess.Popen([sys.executable, "-c", code, str(killed), str(source)], cwd=ROOT)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and run.poll() is None:
            if killed.exists() and _stored(killed) >= wait_for:
                break
            time.sleep(0.05)
        os.kill(run.pid, signal.SIGKILL)
        run.wait()
    engine = connect(killed)
    assert counts(engine)["articles"] < 40  # it was stopped before the end
    ingest(engine, read_jsonl(str(source)), batch=4)
    assert counts(engine) == counts(connect(clean))
    assert [r.to_json() for r in records(engine)] == [r.to_json() for r in records(connect(clean))]


def _stored(path: Path) -> int:
    import sqlite3

    try:
        with sqlite3.connect(path, timeout=1) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_failures_come_back_as_failures(store_target: str, tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "dev.jsonl", 4)
    reported: list[Failure] = []
    ingest(connect(store_target), read_jsonl(str(source)), report=reported.append)
    assert [f.input for f in reported] == [f"{source}:4"]
