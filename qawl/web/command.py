"""``qawl serve``: the web app and the HTTP API over a store, with uvicorn."""

from __future__ import annotations

import ctypes
import os
import sys

import click

from qawl.store.commands import db_option, existing, shown

TOKEN_ENV = "QAWL_TOKEN"
# Open connections (idle keep-alive ones included) or requests in progress beyond which uvicorn
# answers 503 at once rather than queue them: memory stays bounded under a flood. One process
# answers 100-200 requests/s on two cores (benchmarks/web_load.py), so 256 waiting requests
# are already a wait of seconds; the 50 clients of the benchmark stay well below.
LIMIT_CONCURRENCY = 256
# glibc's malloc, tuned for a long-running threaded server (each only where the environment does
# not set it: MALLOC_ARENA_MAX, MALLOC_MMAP_THRESHOLD_, MALLOC_TRIM_THRESHOLD_). By default each
# thread that runs endpoints gets an arena of its own (up to 8 a core) whose freed memory no other
# reuses, and after the first large buffer is freed big ones are carved from the heap, which is
# then kept: RSS rose for minutes under load, in steps of 5-8 MiB (+24 MiB in 240 s at 8
# clients). Two arenas, and buffers of 128 KiB or more mapped and given back when freed
# (benchmarks/web_load.py): RSS stays within a few MiB of its level after warm-up, at the same
# requests/s.
MALLOC = {  # mallopt parameter: (its environment variable, value)
    -8: ("MALLOC_ARENA_MAX", 2),  # M_ARENA_MAX
    -3: ("MALLOC_MMAP_THRESHOLD_", 128 * 1024),  # M_MMAP_THRESHOLD: a fixed one, not raised
    -1: ("MALLOC_TRIM_THRESHOLD_", 128 * 1024),  # M_TRIM_THRESHOLD: free heap top given back
}


@click.command(short_help="Serve the web pages and the HTTP API over a database.")
@db_option
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on (only this machine by default).",
)
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port.")
@click.option(
    "--token-env",
    default=TOKEN_ENV,
    show_default=True,
    metavar="NAME",
    help="Environment variable holding the token that POST /api/ingest requires; "
    "without it set, there is no ingest endpoint.",
)
def serve(db: str, host: str, port: int, token_env: str) -> None:
    """Serve right-to-left pages (search, statements, speakers, entities, articles) and the JSON
    API under /api (its OpenAPI description at /api/openapi.json) over the store at --db."""
    import uvicorn

    from qawl.web import create_app

    # The token is read from the environment, never from the command line (where ps shows it).
    token = os.environ.get(token_env) or None
    if not token:
        existing(db)  # nothing could ever be added: an empty store made by a typo helps nobody
    _tune_malloc()
    app = create_app(db, token=token)
    where = f"http://{host}:{port}/"
    click.echo(f"qawl: serving {shown(db)} at {where}" + (" (ingest enabled)" if token else ""), err=True)
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level="warning",
        server_header=False,
        proxy_headers=False,
        limit_concurrency=LIMIT_CONCURRENCY,
    )


def _tune_malloc() -> None:
    """MALLOC's settings, before uvicorn starts a thread; nothing where the C library has no
    mallopt (it is glibc's; musl's ignores them)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    for param, (variable, value) in MALLOC.items():
        if variable not in os.environ:
            mallopt(param, value)
