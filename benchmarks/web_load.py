"""The web app under sustained load: ``qawl serve`` on loopback, concurrent clients for a
while, a mix of pages and API calls with hostile requests among them, and the server's
memory read every second.

    .venv/bin/python benchmarks/web_load.py --db load.db [--clients 50] [--seconds 60]

Starts ``qawl serve --db DB`` on 127.0.0.1 (a free port; nothing else is ever addressed)
and runs ``--clients`` threads, each with its own keep-alive connection, sending requests
back to back.  The mix is drawn from the store: the search page and ``/api/statements``
with words, speaker, about, outlet, type, month and paging; statement, speaker and article
pages and their API; the speakers list.  About one request in ten is hostile: SQL and FTS
metacharacters, a NUL, queries over the length limit (up to a URL of 120 KB), impossible
dates, unknown and out-of-range ids, invalid UTF-8, paths climbing out of the static folder.
Each request carries the statuses it may get (a hostile one a 4xx, never a 5xx); any other
status, a connection error, or a request that takes over ``--timeout`` seconds (a hang) is
an error.

First every distinct request of the mix is sent once, spread over the clients (the
warm-up: the connection pool, the threads and every cache the mix can fill are filled),
then the clients run for ``--seconds``.  The server's resident memory (VmRSS of
/proc/PID/status) and its thread count are read every second.  Prints requests/s, the
errors by kind, p50/p95/p99 latency (client side, sending to last byte), RSS after the
warm-up, at its peak and at the end, and the growth per 10,000 requests (least squares of
RSS on requests done, over the second half of the run), and one JSON line on stdout; exits
1 on any error, or if the server died or stopped answering.

The CI test (tests/test_web_load.py) runs ``drive()`` of this file on the web tests' store.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote, urlencode

from sqlalchemy import func, select

from qawl.store import connect
from qawl.store import schema as s
from qawl.store.search_text import search_words

HOST = "127.0.0.1"
SERVE = "from qawl.web.command import serve; serve()"
OK = frozenset({200})
NOT_FOUND = frozenset({404})
INVALID = frozenset({422})
# A query over the limit: refused by its length (422), or by the server when it reads less of a
# request head than uvicorn with h11 does (httptools, a proxy: 400, 414 or 431).
TOO_LONG = frozenset({400, 414, 422, 431})
FAILED, HANG = 0, -1  # statuses of requests that got no answer


@dataclass(frozen=True, slots=True)
class Request:
    kind: str
    path: str
    expected: frozenset[int] = OK


@dataclass(frozen=True, slots=True)
class Done:
    kind: str
    path: str
    ms: float
    status: int  # FAILED, HANG or the HTTP status
    ok: bool  # the status was one of the request's expected ones


@dataclass(frozen=True, slots=True)
class Sample:
    at: float
    rss_kib: int
    threads: int
    done: int  # requests done by then (warm-up excluded)


@dataclass
class Load:
    """What a run saw: every request and a memory sample a second."""

    clients: int
    seconds: float
    done: list[Done] = field(default_factory=list)
    samples: list[Sample] = field(default_factory=list)
    warmup: int = 0  # requests sent before the measurement
    alive: bool = True  # the server process still ran at the end
    answering: bool = True  # and answered a request after the load
    server_log: str = ""  # what the server wrote on stderr (an internal error's trace)

    def errors(self) -> dict[str, int]:
        c = Counter(_error(d) for d in self.done if not d.ok)
        return {k: c.get(k, 0) for k in ("5xx", "unexpected 4xx", "hangs", "connection errors", "other")}

    def rss_growth_kib(self, per: int, part: float = 0.5) -> float:
        """Least-squares growth of RSS per ``per`` requests over the last ``part`` of the samples."""
        tail = self.samples[int(len(self.samples) * (1 - part)) :]
        if len({x.done for x in tail}) < 2:
            return 0.0
        fit = statistics.linear_regression([x.done for x in tail], [x.rss_kib for x in tail])
        return fit.slope * per

    def summary(self) -> dict[str, object]:
        answered = [d.ms for d in self.done if d.status > 0]
        rss = [x.rss_kib for x in self.samples] or [0]
        mib = 1024
        return {
            "clients": self.clients,
            "seconds": self.seconds,
            "requests": len(self.done),
            "warmup_requests": self.warmup,
            "requests_per_s": round(len(self.done) / self.seconds, 1),
            "errors": self.errors(),
            "hostile_requests": sum(d.kind == "hostile" for d in self.done),
            "statuses": dict(sorted(Counter(d.status for d in self.done).items())),
            "latency": latency(answered),
            "rss_start_mib": round(rss[0] / mib, 1),
            "rss_peak_mib": round(max(rss) / mib, 1),
            "rss_end_mib": round(rss[-1] / mib, 1),
            "rss_growth_mib_per_10k": round(self.rss_growth_kib(10_000) / mib, 2),
            "rss_mib_every_10s": [round(x.rss_kib / mib, 1) for x in self.samples[::10]],
            "threads_end": self.samples[-1].threads if self.samples else 0,
            "server_alive": self.alive,
            "server_answering_after": self.answering,
        }


def _error(d: Done) -> str:
    if d.status == HANG:
        return "hangs"
    if d.status == FAILED:
        return "connection errors"
    if d.status >= 500:
        return "5xx"
    return "unexpected 4xx" if d.status >= 400 else "other"


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))] if values else 0.0


def latency(ms: list[float]) -> dict[str, float]:
    return {f"p{p}_ms": round(percentile(ms, p), 2) for p in (50, 95, 99)} | {
        "max_ms": round(max(ms, default=0.0), 2)
    }


# --- what is asked -------------------------------------------------------------------------


def hostile() -> list[Request]:
    """Requests meant to break something, each with the 4xx (or 200) it must get."""
    q = "/api/statements?"
    out = [
        (q + urlencode({"q": "' OR '1'='1"}), OK),
        ("/?" + urlencode({"q": 'NEAR("a" "b") OR * ^x', "speaker": "'; DROP TABLE statements; --"}), OK),
        (q + urlencode({"outlet": "%_\\", "about": ") OR 1=1 --", "type": "direct"}), OK),
        (q + urlencode({"q": '\x00 {col}: - "', "speaker": "\x00"}), OK),
        (q + urlencode({"q": "قال " * 125}), OK),  # 500 characters, the most a query may have
        ("/?" + urlencode({"q": "ك" * 5000}), INVALID),  # over it
        (q + "q=" + "a" * 20_000, TOO_LONG),
        (q + "q=" + "%D9%82" * 20_000, TOO_LONG),
        (q + "since=yesterday", INVALID),
        (q + "until=2018/01/01", INVALID),
        ("/?" + urlencode({"since": "2018-02-30", "until": "2018-13-45"}), OK),  # no such day: no hit
        (q + "type=quote", INVALID),
        (q + "limit=0", INVALID),
        (q + "limit=100000", INVALID),
        (q + "offset=-1", INVALID),
        (q + "offset=99999999999", INVALID),
        ("/api/statements/999999999", NOT_FOUND),
        ("/api/statements/99999999999999999999999", INVALID),  # beyond any database's integer
        ("/statements/-9223372036854775809", INVALID),
        ("/api/chains/abc", INVALID),
        ("/entities/1e3", INVALID),
        ("/api/entities/999999999", NOT_FOUND),
        ("/speakers/no:such", NOT_FOUND),
        ("/api/speakers/%00", NOT_FOUND),
        ("/api/articles/%ED%A0%80", NOT_FOUND),  # invalid UTF-8
        ("/articles/" + quote("' OR 1=1 --"), NOT_FOUND),
        ("/static/../../pyproject.toml", NOT_FOUND),
        ("/static/%2e%2e/%2e%2e/pyproject.toml", NOT_FOUND),
        ("/nope", NOT_FOUND),
    ]
    return [Request("hostile", path, expected) for path, expected in out]


def workload(db: str, rng: random.Random, n: int = 200) -> list[Request]:
    """About ten requests for each of ``n`` random statements of the store, and the hostile
    ones, repeated to be about a tenth of the mix."""
    st, a, src, sp = s.statements, s.articles, s.sources, s.entities
    engine = connect(db, create=False)
    try:
        with engine.connect() as conn:
            rows = list(
                conn.execute(
                    select(st.c.id, st.c.text, st.c.article_id, st.c.day, st.c.type, sp.c.name, sp.c.kb_id)
                    .outerjoin(sp, sp.c.id == st.c.speaker_id)
                    .order_by(func.random())
                    .limit(n)
                )
            )
            outlets = list(conn.scalars(select(src.c.name).join(a, a.c.source_id == src.c.id).distinct()))
            total = conn.scalar(select(func.count()).select_from(st)) or 0
    finally:
        engine.dispose()
    if not rows:
        raise SystemExit(f"no statement in {db}")
    deepest = min(total, 2000)  # paging: up to a hundred pages in
    out: list[Request] = []
    for sid, text, article_id, day, kind, name, kb_id in rows:
        words = [w for w in search_words(text) if len(w) > 2] or ["قال"]
        word = rng.choice(words)
        month = (day or "2018-01")[:7]
        outlet = rng.choice(search_words(rng.choice(outlets)) or ["news"]) if outlets else ""
        limit = rng.choice([10, 20, 50, 100])
        filters = {
            "speaker": name or "",
            "about": rng.choice(words),
            "outlet": outlet,
            "type": kind,
            "since": month,
            "until": month,
        }
        some = dict(rng.sample(sorted(filters.items()), rng.randint(0, 3)))
        out += [
            Request("search page", "/?" + urlencode({"q": word, **some})),
            Request("search page", "/?" + urlencode({"q": " ".join(rng.sample(words, min(2, len(words))))})),
            Request("api search", "/api/statements?" + urlencode({"q": word, **some, "limit": limit})),
            Request(
                "api search",
                "/api/statements?" + urlencode({**some, "limit": limit, "offset": rng.randint(0, deepest)}),
            ),
            Request("statement page", f"/statements/{sid}"),
            Request("api statement", f"/api/statements/{sid}"),
            Request("api statement", f"/api/chains/{sid}"),
            Request("article", f"/api/articles/{quote(article_id, safe='')}"),
            Request("article", f"/articles/{quote(article_id, safe='')}"),
            Request("speakers", f"/api/speakers?limit=50&offset={rng.randint(0, 200)}"),
        ]
        if kb_id:
            out += [
                Request("speaker page", f"/speakers/{quote(kb_id, safe='')}"),
                Request("api speaker", f"/api/speakers/{quote(kb_id, safe='')}"),
            ]
    bad = hostile()
    out += [bad[i % len(bad)] for i in range(max(len(bad), len(out) // 9))]
    rng.shuffle(out)
    return out


# --- the server ----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def status_field(pid: int, name: str) -> int:
    """A number of /proc/PID/status (VmRSS in KiB, Threads), 0 once the process is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(name + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


@dataclass
class Server:
    proc: subprocess.Popen[bytes]
    port: int
    log: IO[bytes]

    def stderr(self) -> str:
        """What the server wrote on stderr so far (uvicorn's warnings, an internal error's trace)."""
        self.log.seek(0)
        return self.log.read().decode(errors="replace")


@contextmanager
def served(db: str, timeout: float = 120) -> Iterator[Server]:
    """``qawl serve --db db`` on a free port of 127.0.0.1 (no ingest endpoint), its stderr in a
    file (a pipe nobody reads would stop a server that logs much), stopped on leaving."""
    port = free_port()
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(
            [sys.executable, "-c", SERVE, "--db", db, "--host", HOST, "--port", str(port)],
            env={k: v for k, v in os.environ.items() if k != "QAWL_TOKEN"},
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
        server = Server(proc, port, log)
        try:
            deadline = time.monotonic() + timeout
            while get(port, "/api/openapi.json") != 200:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"qawl serve did not start: {server.stderr()}")
                time.sleep(0.1)
            yield server
        finally:
            proc.terminate()  # uvicorn stops at once on SIGTERM
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def get(port: int, path: str, timeout: float = 5) -> int:
    """One request on a connection of its own: the status, or FAILED."""
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        return response.status
    except (OSError, http.client.HTTPException):
        return FAILED
    finally:
        conn.close()


# --- the clients ---------------------------------------------------------------------------


class Client:
    """One keep-alive connection, reopened after an error or when the server closes it."""

    def __init__(self, port: int, timeout: float) -> None:
        self.port, self.timeout = port, timeout
        self.conn: http.client.HTTPConnection | None = None

    def send(self, r: Request) -> Done:
        if self.conn is None:
            self.conn = http.client.HTTPConnection(HOST, self.port, timeout=self.timeout)
        t = time.perf_counter()
        try:
            self.conn.request("GET", r.path)
            response = self.conn.getresponse()
            response.read()
            status = response.status
            if response.will_close:
                self.close()
        except TimeoutError:
            status = HANG
            self.close()
        except (OSError, http.client.HTTPException):
            status = FAILED
            self.close()
        seconds = time.perf_counter() - t
        if seconds > self.timeout:  # answered, but by a byte now and then
            status = HANG
        return Done(r.kind, r.path, seconds * 1000, status, status in r.expected)

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def _each(port: int, timeout: float, todo: list[Request], out: list[Done]) -> None:
    client = Client(port, timeout)
    for r in todo:
        out.append(client.send(r))  # list.append is atomic: the threads share ``out``
    client.close()


def _random(port: int, timeout: float, mix: list[Request], stop: float, seed: int, out: list[Done]) -> None:
    rng, client = random.Random(seed), Client(port, timeout)
    while time.monotonic() < stop:
        out.append(client.send(rng.choice(mix)))
    client.close()


def _together(target: Callable[..., None], args: list[tuple[Any, ...]]) -> None:
    threads = [threading.Thread(target=target, args=a, daemon=True) for a in args]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def _sample(server: Server, load: Load) -> Sample:
    pid = server.proc.pid
    return Sample(time.monotonic(), status_field(pid, "VmRSS"), status_field(pid, "Threads"), len(load.done))


def run(db: str, *, clients: int, seconds: float, seed: int = 1, timeout: float = 10, n: int = 200) -> Load:
    """Serve ``db`` and load it with a mix drawn from ``n`` of its statements (see ``drive``)."""
    mix = workload(db, random.Random(seed), n)
    with served(db) as server:
        return drive(server, mix, clients=clients, seconds=seconds, seed=seed, timeout=timeout)


def drive(
    server: Server, mix: list[Request], *, clients: int, seconds: float, seed: int = 1, timeout: float = 10
) -> Load:
    """Send every request of ``mix`` once (the warm-up), then random ones for ``seconds`` with
    ``clients`` threads, reading the server's memory every second."""
    load = Load(clients, seconds)
    port = server.port
    warm: list[Done] = []
    _together(_each, [(port, timeout, mix[i::clients], warm) for i in range(clients)])
    load.warmup = len(warm)
    load.done = [d for d in warm if not d.ok]  # an error in the warm-up is an error too
    stop = time.monotonic() + seconds
    finished = threading.Event()

    def sample() -> None:
        while True:
            load.samples.append(_sample(server, load))
            if finished.wait(1.0):
                return

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _together(_random, [(port, timeout, mix, stop, seed + 1 + i, load.done) for i in range(clients)])
    finished.set()
    sampler.join()
    load.samples.append(_sample(server, load))
    load.alive = server.proc.poll() is None
    load.answering = get(port, "/api/statements?limit=1", timeout) == 200
    load.server_log = server.stderr()
    return load


def main(argv: list[str] | None = None) -> int:
    from machine import machine  # benchmarks/ is on the path when this runs as a script

    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=raw)
    parser.add_argument("--db", required=True)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument(
        "--timeout", type=float, default=10, help="seconds a request may take; longer is a hang"
    )
    parser.add_argument("--statements", type=int, default=200, help="statements the mix is drawn from")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    load = run(
        args.db,
        clients=args.clients,
        seconds=args.seconds,
        seed=args.seed,
        timeout=args.timeout,
        n=args.statements,
    )
    result = {"db": args.db, **load.summary(), "machine": machine()}
    errors = sum(load.errors().values())
    lat = result["latency"]
    print(
        f"{result['requests']} requests ({result['hostile_requests']} hostile) in {args.seconds:g} s"
        f" by {args.clients} clients after {load.warmup} warm-up requests: {result['requests_per_s']}/s\n"
        f"errors {result['errors']}; statuses {result['statuses']}\n"
        f"latency {lat}\n"
        f"RSS {result['rss_start_mib']} MiB after warm-up, peak {result['rss_peak_mib']}, end"
        f" {result['rss_end_mib']}; {result['rss_growth_mib_per_10k']} MiB per 10,000 requests"
        f" (second half); {result['threads_end']} threads\n"
        f"server alive {load.alive}, answering after {load.answering}",
        file=sys.stderr,
    )
    wrong = Counter((d.status, d.path[:100]) for d in load.done if not d.ok)
    for (status, path), count in wrong.most_common(10):
        print(f"  {count} × {status} for {path}", file=sys.stderr)
    if errors and load.server_log:
        print(load.server_log[-4000:], file=sys.stderr)
    print(json.dumps(result, ensure_ascii=False))
    return 1 if errors or not (load.alive and load.answering) else 0


if __name__ == "__main__":
    raise SystemExit(main())
