"""Faults for the store's reliability tests (tests/test_store_faults*.py), all of them real:
backends terminated by the server, a network cut by a TCP relay that stops relaying, a disk
that fills. Only analysis is taken from a cache (``Replay``), so that each faulted run costs
its writes, not the models."""

from __future__ import annotations

import copy
import json
import selectors
import socket
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy import Engine, func, select

from qawl.ingest.readers import Failure
from qawl.record import Article
from qawl.run.pool import Encoded, Encoder, Result, Runner, analyse_or_fail, encoded
from qawl.store import schema as s
from qawl.store.reader import counts, records
from tests.conftest import POSTGRES

FIELDS = ("id", "text", "source", "url", "published", "title")


class Replay(Runner):
    """Analysis done once (``analyse_or_fail``), then handed out as fresh copies: the writer
    sets kb_ids on the records it is given, so no two runs may share one."""

    def __init__(self, articles: Iterable[Article]) -> None:
        self.done: dict[str, Result] = {a.resolved_id(): analyse_or_fail(a) for a in articles}

    def analyse(
        self, items: Iterable[Article | Failure], encode: Encoder | None = None
    ) -> Iterator[Result | Encoded]:
        for item in items:
            result = item if isinstance(item, Failure) else copy.deepcopy(self.done[item.resolved_id()])
            yield encoded(result, encode)


def write_jsonl(path: Path, articles: Iterable[Article]) -> Path:
    lines = [
        json.dumps({f: getattr(a, f) for f in FIELDS if getattr(a, f) is not None}, ensure_ascii=False)
        for a in articles
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


Contents = tuple[dict[str, int], list[dict[str, Any]], list[tuple[Any, ...]]]


def contents(engine: Engine) -> Contents:
    """What two runs over the same articles must agree on: each table's rows, every record,
    and the entity base as stored (each entry, its weight and place; the next learned id)."""
    with engine.connect() as conn:
        base = [tuple(r) for r in conn.execute(select(s.base_entries).order_by(s.base_entries.c.position))]
        next_id = conn.scalar(select(s.meta.c.value).where(s.meta.c.key == "base_next_id"))
    return counts(engine), [r.to_json() for r in records(engine)], [*base, ("base_next_id", next_id)]


def stored_ids(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        return list(conn.scalars(select(s.articles.c.id).order_by(s.articles.c.ingested)))


def doubled(engine: Engine) -> int:
    """Rows stored twice over: the same text as two articles, or a copy under two articles."""
    with engine.connect() as conn:
        texts = conn.scalar(
            select(func.count() - func.count(s.articles.c.text_hash.distinct())).select_from(s.articles)
        )
        copies = conn.scalar(
            select(func.count() - func.count(s.copies.c.input_id.distinct())).select_from(s.copies)
        )
    return int(texts or 0) + int(copies or 0)


def with_app_name(url: str, name: str) -> str:
    """The URL with an application_name, by which pg_stat_activity tells its backends apart."""
    return f"{url}{'&' if '?' in url else '?'}application_name={name}"


def admin() -> psycopg.Connection:
    return psycopg.connect(POSTGRES, autocommit=True)


class Killer(threading.Thread):
    """Terminates the backends of ``app`` in the middle of a write transaction (one that has
    written: backend_xid is set), once for each of ``after``: when the store's schema holds at
    least that many articles. ``kills`` counts the backends terminated."""

    def __init__(self, app: str, schema: str, after: Iterable[int]) -> None:
        super().__init__(daemon=True)
        self.app, self.schema, self.after = app, schema, list(after)
        self.kills = 0
        self.stop = threading.Event()

    def run(self) -> None:
        with admin() as conn:
            for threshold in self.after:
                while not self.stop.is_set():
                    stored = conn.execute(f"SELECT count(*) FROM {self.schema}.articles").fetchone()
                    if stored and stored[0] >= threshold:
                        killed = conn.execute(
                            "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity "
                            "WHERE application_name = %s AND backend_xid IS NOT NULL",
                            (self.app,),
                        ).fetchone()
                        if killed and killed[0]:
                            self.kills += killed[0]
                            break
                    time.sleep(0.005)


class Relay(threading.Thread):
    """A TCP relay to the PostgreSQL server, as a network between qawl and it: ``cut()``
    drops every connection through it and refuses new ones (the network is down) until
    ``mend()``."""

    def __init__(self, upstream: tuple[str, int] = ("127.0.0.1", 5432)) -> None:
        super().__init__(daemon=True)
        self.upstream = upstream
        self.listener = self._listen(0)
        self.port: int = self.listener.getsockname()[1]
        self.lock = threading.Lock()
        self.pairs: list[tuple[socket.socket, socket.socket]] = []
        self.up = threading.Event()
        self.up.set()
        self.closed = threading.Event()
        # Armed: the next COMMIT reaches the server, its answer never comes back (the
        # connection closes): a commit that went through, though the client cannot know it.
        self.lose_commit = threading.Event()

    def url(self, target: str) -> str:
        """``target`` (a URL of conftest's server) through this relay."""
        return target.replace("127.0.0.1:5432", f"127.0.0.1:{self.port}")

    def run(self) -> None:
        while not self.closed.is_set():
            if not self.up.wait(0.05):
                continue
            try:
                client, _ = self.listener.accept()
            except OSError:  # a timeout, or cut: the listener closed
                continue
            server = socket.create_connection(self.upstream)
            for sock in (client, server):  # as libpq does: no waiting to fill a packet
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            with self.lock:
                if not self.up.is_set():  # cut while this one was being accepted
                    client.close()
                    server.close()
                    continue
                self.pairs.append((client, server))
            threading.Thread(target=self._pump, args=(client, server), daemon=True).start()

    def _pump(self, client: socket.socket, server: socket.socket) -> None:
        sel = selectors.DefaultSelector()
        sel.register(client, selectors.EVENT_READ, server)
        sel.register(server, selectors.EVENT_READ, client)
        losing = False  # a COMMIT went through: its answer is to be lost
        try:
            while True:
                for key, _ in sel.select(0.05):
                    data = key.fileobj.recv(65536)  # type: ignore[union-attr]
                    if not data or (losing and key.fileobj is server):
                        return  # closed; or the server answered the COMMIT: it committed
                    key.data.sendall(data)
                    if key.fileobj is client and b"COMMIT\x00" in data and self.lose_commit.is_set():
                        self.lose_commit.clear()
                        losing = True
        except OSError:
            return
        finally:
            sel.close()
            for sock in (client, server):
                sock.close()

    def cut(self) -> None:
        """Drop every connection (both ends see it closed) and refuse new ones."""
        self.up.clear()
        self.listener.close()  # (the port is free once accept() has given it up: ≤ 50 ms)
        with self.lock:
            pairs, self.pairs = self.pairs, []
        for a, b in pairs:
            for sock in (a, b):
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def mend(self) -> None:
        """Accept connections again, on the same port."""
        self.listener = self._listen(self.port)
        self.up.set()

    @staticmethod
    def _listen(port: int) -> socket.socket:
        deadline = time.monotonic() + 2
        while True:
            try:
                listener = socket.create_server(("127.0.0.1", port))
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.01)
        listener.settimeout(0.05)  # so that accept() sees a cut
        return listener

    def close(self) -> None:
        self.closed.set()
        self.cut()


def closed_port() -> int:
    """A local port nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
