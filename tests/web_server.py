"""``qawl serve`` run for real, in a subprocess on a free loopback port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager

SERVE = "from qawl.web.command import serve; serve()"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def served(db: str, env: dict[str, str] | None = None, timeout: float = 60) -> Iterator[str]:
    """The base URL of ``qawl serve --db db`` (default host), stopped on leaving."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-c", SERVE, "--db", db, "--port", str(port)],
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                urllib.request.urlopen(url + "/api/openapi.json", timeout=2).close()
                break
            except (urllib.error.URLError, ConnectionError):
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"qawl serve did not start: {proc.stderr.read()!r}") from None
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()  # uvicorn stops at once on SIGTERM
        proc.wait(timeout=30)
        if proc.stderr:
            proc.stderr.close()
