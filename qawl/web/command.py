"""``qawl serve``: the web app and the HTTP API over a store, with uvicorn."""

from __future__ import annotations

import os

import click

from qawl.store.commands import db_option, existing, shown

TOKEN_ENV = "QAWL_TOKEN"


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
    app = create_app(db, token=token)
    where = f"http://{host}:{port}/"
    click.echo(f"qawl: serving {shown(db)} at {where}" + (" (ingest enabled)" if token else ""), err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False, proxy_headers=False)
