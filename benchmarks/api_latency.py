"""HTTP API latency under load: ``qawl serve`` on loopback, 50 clients for 30 s.

    .venv/bin/python benchmarks/api_latency.py --db ant.db [--clients 50] [--seconds 30]

Starts ``qawl serve --db DB`` on 127.0.0.1 (a free port; nothing else is ever addressed),
then runs ``--clients`` threads, each with its own keep-alive connection, sending requests
back to back for ``--seconds`` (then it stops by itself, and stops the server).  Requests
are drawn from the store, as ``search_latency.py`` draws them: a word search, a word and a
speaker, a word and a month, one statement (``/api/statements/{id}``, with its chain and
copies) and one speaker page of data (``/api/speakers/{kb_id}``).  Latency is measured at
the client, from sending to the last byte.  Prints p50/p95/p99 per kind and overall, the
requests per second and any error, and one JSON line on stdout.  Meant for a store of the
whole ANT corpus (the README's figure).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from urllib.parse import urlencode

from machine import machine
from search_latency import percentile, samples
from sqlalchemy import func, select

from qawl.store import connect
from qawl.store import schema as s

HOST = "127.0.0.1"
SERVE = "from qawl.web.command import serve; serve()"


def requests(db: str, n: int, rng: random.Random) -> list[tuple[str, str]]:
    """``n`` (kind, path) pairs drawn from the store."""
    engine = connect(db)
    words, speakers, months = samples(engine, n, rng)
    with engine.connect() as conn:
        top = conn.scalar(select(func.max(s.statements.c.id))) or 1
        kb_ids = list(
            conn.scalars(
                select(s.entities.c.kb_id)
                .join(s.statements, s.statements.c.speaker_id == s.entities.c.id)
                .where(s.entities.c.kb_id.is_not(None))
                .group_by(s.entities.c.kb_id)
                .order_by(func.count().desc())
                .limit(200)
            )
        )
    engine.dispose()
    out = []
    for w in words:
        month = rng.choice(months)
        out += [
            ("word", "/api/statements?" + urlencode({"q": w})),
            ("word+speaker", "/api/statements?" + urlencode({"q": w, "speaker": rng.choice(speakers)})),
            ("word+dates", "/api/statements?" + urlencode({"q": w, "since": month, "until": month})),
            ("statement", f"/api/statements/{rng.randint(1, top)}"),
            ("speaker", f"/api/speakers/{rng.choice(kb_ids)}"),
        ]
    rng.shuffle(out)
    return out


def serve(db: str, port: int) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(
        [sys.executable, "-c", SERVE, "--db", db, "--host", HOST, "--port", str(port)],
        env={k: v for k, v in os.environ.items() if k != "QAWL_TOKEN"},  # no ingest endpoint
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=5)
            conn.request("GET", "/api/openapi.json")
            conn.getresponse().read()
            conn.close()
            return proc
        except OSError:
            if proc.poll() is not None:
                break
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("qawl serve did not start")


def client(
    port: int, paths: list[tuple[str, str]], stop: float, out: list[tuple[str, float, int]], seed: int
) -> None:
    rng = random.Random(seed)
    conn = http.client.HTTPConnection(HOST, port, timeout=60)
    while time.monotonic() < stop:
        kind, path = rng.choice(paths)
        t = time.perf_counter()
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            status = 0
            conn.close()
            conn = http.client.HTTPConnection(HOST, port, timeout=60)
        out.append((kind, (time.perf_counter() - t) * 1000, status))
    conn.close()


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def summary(times: list[float]) -> dict[str, float]:
    return {
        "n": len(times),
        "p50_ms": round(statistics.median(times), 2),
        "p95_ms": round(percentile(times, 95), 2),
        "p99_ms": round(percentile(times, 99), 2),
    }


def main(argv: list[str] | None = None) -> int:
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=raw)
    parser.add_argument("--db", required=True)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--requests", type=int, default=400, help="words drawn (5 requests each)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    paths = requests(args.db, args.requests, random.Random(args.seed))
    port = free_port()
    proc = serve(args.db, port)
    results: list[tuple[str, float, int]] = []
    try:
        warm: list[tuple[str, float, int]] = []
        client(port, paths[:50], time.monotonic() + 2, warm, args.seed)  # the page cache, the pool
        stop = time.monotonic() + args.seconds
        threads = [
            threading.Thread(target=client, args=(port, paths, stop, results, args.seed + i))
            for i in range(args.clients)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    ok = [r for r in results if r[2] in (200, 404)]  # a drawn statement id may be absent
    errors = len(results) - len(ok)
    result: dict[str, object] = {
        "db": args.db,
        "clients": args.clients,
        "seconds": args.seconds,
        "requests_per_s": round(len(results) / args.seconds, 1),
        "errors": errors,
        "all": summary([ms for _, ms, _ in ok]),
        "machine": machine(),
    }
    for kind in sorted({k for k, _, _ in ok}):
        result[kind] = summary([ms for k, ms, _ in ok if k == kind])
    for kind in ["all", *sorted({k for k, _, _ in ok})]:
        row = result[kind]
        assert isinstance(row, dict)
        print(
            f"{kind:14} n {row['n']:6}  p50 {row['p50_ms']:8.2f} ms  p95 {row['p95_ms']:8.2f} ms"
            f"  p99 {row['p99_ms']:8.2f} ms",
            file=sys.stderr,
        )
    print(f"{result['requests_per_s']} requests/s, {errors} errors", file=sys.stderr)
    print(json.dumps(result, ensure_ascii=False))
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
