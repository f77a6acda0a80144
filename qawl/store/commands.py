"""The store's commands: ``qawl ingest``, ``search``, ``quotes``, ``stories`` and ``export``."""

from __future__ import annotations

import csv
import json
import logging
import sys
import time
from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path

import click
from sqlalchemy import make_url
from sqlalchemy.exc import OperationalError
from tqdm import tqdm

from qawl.ingest import read_inputs
from qawl.ingest.readers import Failure
from qawl.run.dask import ClusterError
from qawl.run.options import chosen_limits, chosen_runner, cluster_failed, limit_options, runner_options
from qawl.store.database import (
    DEFAULT_DB,
    NoStore,
    StoreError,
    connect,
    database_url,
    one_line,
    store_name,
    write_failure,
)
from qawl.store.export import STATEMENT_COLUMNS, statement_rows, write_parquet
from qawl.store.ingest import ingest as ingest_all
from qawl.store.reader import records
from qawl.store.search import DEFAULT_LIMIT, Filters, Hit, search_articles, search_statements
from qawl.store.stories import link_stored, unfiled
from qawl.store.story import counts as story_counts
from qawl.store.story import stories as story_list

DB_HELP = f"A SQLite file (default: {DEFAULT_DB} here) or a database URL (postgresql://user@host/db)."
FORMATS = ("text", "jsonl", "html", "warc", "feed")
TYPES = ("direct", "indirect", "mixed", "decline")
HIT_COLUMNS = ("day", "outlet", "speaker", "via", "type", "statement", "article")
STORE_FAILED = 3  # exit status of an ingest stopped by its store: out of reach, or its disk full


def db_option(f):  # type: ignore[no-untyped-def]
    return click.option("--db", "db", default=DEFAULT_DB, show_default=True, help=DB_HELP)(f)


@click.command(short_help="Analyse articles and store their records in a database.")
@click.argument("inputs", metavar="PATH...", nargs=-1, required=True)
@db_option
@runner_options
@limit_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    help="Read every input as this (default: by name and content).",
)
@click.option("--pages", help="Where a feed's linked pages are: a folder or a WARC file.")
@click.pass_context
def ingest(
    ctx: click.Context,
    inputs: tuple[str, ...],
    db: str,
    workers: int | None,
    engine_name: str | None,
    scheduler: str | None,
    max_chars: int,
    max_seconds: float,
    fmt: str | None,
    pages: str | None,
) -> None:
    """Read PATH... (files, folders, globs, - for JSON Lines on stdin: plain text, JSON Lines,
    HTML pages, WARC files, RSS/Atom feeds, gzip or not), analyse each article and store its
    record.  An article stored before is not analysed again; a republished one (the same or
    nearly the same text) is stored once, with every outlet that carried it.  Inputs that
    fail are stored with their reasons and named on stderr; the run goes on.  A dropped
    connection to the database is retried; a store out of reach or a full disk stops the
    run (exit status 3) with every batch before it stored: the same command resumes it."""
    runner = chosen_runner(engine_name, workers, scheduler, chosen_limits(max_chars, max_seconds))
    # psycopg logs the errors it ignores while cleaning up after a failed statement (a
    # pipeline a full disk aborted): the error itself is reported below, once, on one line.
    logging.getLogger("psycopg").addHandler(logging.NullHandler())
    try:
        engine = connect(db)
    except OperationalError as e:  # no server there, refused, or the file cannot be written
        failed = write_failure(db, e)
        why = one_line(e.orig or e) if failed is None else f"{failed[1]} ({one_line(e.orig or e)})"
        click.echo(f"qawl: cannot open the store {store_name(db)}: {why}", err=True)
        ctx.exit(STORE_FAILED)
    started = time.perf_counter()
    show_bar = sys.stderr.isatty()
    with tqdm(unit=" articles", file=sys.stderr, disable=not show_bar) as bar:

        def report(failure: Failure) -> None:
            tqdm.write(f"qawl: skipped {failure.input}: {' '.join(failure.reason.split())}", file=sys.stderr)

        def notice(message: str) -> None:
            tqdm.write(f"qawl: {message}", file=sys.stderr)

        try:
            with runner:
                added = ingest_all(
                    engine,
                    read_inputs(inputs, pages=pages, format=fmt),
                    runner=runner,
                    progress=bar.update,
                    report=report,
                    notice=notice,
                )
        except ClusterError as e:
            cluster_failed(e, scheduler)
        except StoreError as e:
            bar.close()
            click.echo(f"qawl: {e}", err=True)
            ctx.exit(STORE_FAILED)
    seconds = time.perf_counter() - started
    click.echo(
        f"qawl: {added.articles} articles stored, {added.copies} republished copies collapsed, "
        f"{added.statements} statements, {added.failures} failures, {added.skipped} already stored "
        f"({seconds:.1f} s, {shown(db)})",
        err=True,
    )
    ctx.exit(1 if added.failures else 0)


def filter_options(f):  # type: ignore[no-untyped-def]
    for option in reversed(
        [
            click.option("--speaker", help="Who spoke: any spelling of their name, or a kb_id."),
            click.option("--about", help="Whom the statement names in its content."),
            click.option("--outlet", help="An outlet that carried it (part of its name)."),
            click.option("--type", "type_", type=click.Choice(TYPES), help="The kind of statement."),
            click.option("--since", metavar="YYYY-MM-DD", help="Said (else published) on or after this day."),
            click.option(
                "--until", metavar="YYYY-MM-DD", help="Said (else published) on or before this day."
            ),
            click.option("--limit", type=click.IntRange(min=1), default=DEFAULT_LIMIT, show_default=True),
            click.option("--json", "as_json", is_flag=True, help="One JSON object a line."),
            db_option,
        ]
    ):
        f = option(f)
    return f


@click.command(short_help="Search stored statements (or articles) by their words.")
@click.argument("query")
@filter_options
@click.option("--articles", is_flag=True, help="Search the articles' text instead of the statements.")
def search(query: str, articles: bool, db: str, as_json: bool, limit: int, **filters: str | None) -> None:
    """Statements whose content holds every word of QUERY, in any of its written forms
    (with or without و ب ل ال, hamza, ta marbuta, diacritics), newest first."""
    engine = existing(db)
    if articles:
        for hit in search_articles(engine, query, limit=limit):
            click.echo(
                json.dumps(asdict(hit), ensure_ascii=False) if as_json else "\t".join(_cells(asdict(hit)))
            )
        return
    _print_hits(search_statements(engine, query, _filters(filters), limit=limit), as_json)


@click.command(short_help="What a speaker said, newest first.")
@filter_options
def quotes(db: str, as_json: bool, limit: int, **filters: str | None) -> None:
    """The stored statements that pass the filters (--speaker NAME, usually), newest first."""
    chosen = _filters(filters)
    _print_hits(search_statements(existing(db), "", chosen, limit=limit), as_json)


@click.command(short_help="Write the stored records or statements to a file.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("jsonl", "qawl/2", "qawl/1", "csv", "parquet")),
    default="jsonl",
    show_default=True,
    help="jsonl (= qawl/2) or qawl/1: the records, one a line; csv, parquet: a row a statement.",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The file (default: stdout; required for parquet).",
)
@db_option
def export(fmt: str, out: Path | None, db: str) -> None:
    """jsonl: every stored record (format qawl/2: with each statement's story and the statement
    it answers; qawl/1 without them), in the order stored; csv and parquet: one row a statement
    (article, day, outlet, speaker, chain, type, content …)."""
    if fmt == "parquet" and out is None:
        raise click.UsageError("--format parquet needs --out FILE")
    engine = existing(db)
    if fmt == "parquet":
        write_parquet(statement_rows(engine), out)
        return
    stream = out.open("w", encoding="utf-8", newline="") if out else sys.stdout
    try:
        if fmt in ("jsonl", "qawl/2", "qawl/1"):
            version = "qawl/2" if fmt == "jsonl" else fmt
            for record in records(engine):
                stream.write(record.to_jsonl(version) + "\n")
        else:
            writer = csv.DictWriter(stream, fieldnames=STATEMENT_COLUMNS)
            writer.writeheader()
            writer.writerows(statement_rows(engine))
    finally:
        if out:
            stream.close()


def shown(db: str) -> str:
    """The store as a message may name it: a URL's password hidden."""
    if "://" not in db:
        return db
    return make_url(database_url(db)).render_as_string(hide_password=True)


def existing(db: str):  # type: ignore[no-untyped-def]
    """The store of a command that only reads it; a missing SQLite file is a usage error."""
    try:
        return connect(db, create=False)
    except NoStore as e:
        raise click.UsageError(str(e)) from None


def _filters(values: dict[str, str | None]) -> Filters:
    try:
        return Filters(
            speaker=values.get("speaker"),
            about=values.get("about"),
            outlet=values.get("outlet"),
            type=values.get("type_"),
            since=values.get("since"),
            until=values.get("until"),
        )
    except ValueError as e:
        raise click.UsageError(str(e)) from None


def _print_hits(hits: Iterable[Hit], as_json: bool) -> None:
    if not as_json:
        click.echo("\t".join(HIT_COLUMNS))
    for h in hits:
        if as_json:
            click.echo(json.dumps(asdict(h), ensure_ascii=False))
        else:
            speaker = h.speaker or "?"
            click.echo("\t".join(_cells([h.day, h.outlet, speaker, h.via, h.type, h.text, h.article_id])))


def _cells(values: Iterable[object] | dict) -> list[str]:
    items = values.values() if isinstance(values, dict) else values
    return [" ".join(str(v).split()) if v is not None else "" for v in items]


@click.command("stories", short_help="Statements carried by several outlets, and the answers to them.")
@db_option
@click.option(
    "--min-outlets",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    help="List the stories carried by at least this many outlets (republications count).",
)
@click.option("--limit", type=click.IntRange(min=0), default=20, show_default=True, help="Stories to list.")
@click.option("--json", "as_json", is_flag=True, help="The counts and the stories as JSON.")
def stories_command(db: str, min_outlets: int, limit: int, as_json: bool) -> None:
    """List the stories of a store: one statement as several articles carried it, the most
    widely carried first, with the store's counts of stories and of answers linked.

    A store made by a qawl before stories (format qawl/1) has its statements filed into
    stories first, in the order they were stored, and the answers among them linked: what an
    ingest by this qawl would have done."""
    engine = existing(db)
    with engine.begin() as conn:
        left = unfiled(conn)
    if left:
        with (
            engine.begin() as conn,
            tqdm(total=left, unit=" statements", file=sys.stderr, disable=not sys.stderr.isatty()) as bar,
        ):
            link_stored(conn, progress=bar.update)
    totals = story_counts(engine)
    listed = story_list(engine, min_outlets=min_outlets, limit=limit)
    if as_json:
        click.echo(json.dumps({"counts": totals, "stories": [asdict(x) for x in listed]}, ensure_ascii=False))
        return
    for name, value in totals.items():
        click.echo(f"{name.replace('_', ' ')}: {value}")
    rows = [("story", "outlets", "articles", "first day", "speaker", "statement")]
    rows += [
        (f"S{x.id}", str(x.outlets), str(x.articles), x.first_day or "", x.speaker or "", x.text)
        for x in listed
    ]
    for row in rows:
        click.echo("\t".join(_cells(row)))
