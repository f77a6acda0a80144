"""Opening a store: a SQLite file (the default, no server) or a PostgreSQL database, at the
schema version this qawl needs (migrations by alembic, run on open); and running a
transaction on it that outlives a dropped connection (``transaction``)."""

from __future__ import annotations

import logging
import shutil
import sqlite3
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, make_url
from sqlalchemy.engine import ExceptionContext
from sqlalchemy.exc import DBAPIError, OperationalError

DEFAULT_DB = "qawl.db"
MIGRATIONS = Path(__file__).parent / "migrations"
URL_SCHEMES = ("sqlite:", "postgresql:", "postgresql+psycopg:", "postgres:")
# libpq's options for a server that goes silent (a network partition drops packets, nothing
# closes): a connection is given up as broken within about a minute, then retried, instead
# of waiting for TCP's own limits (15 minutes unacknowledged, 2 hours idle) or for ever.
PG_CONNECTION = {
    "connect_timeout": 10,  # seconds
    "keepalives": 1,
    "keepalives_idle": 30,  # seconds idle before the first probe
    "keepalives_interval": 10,
    "keepalives_count": 3,
    "tcp_user_timeout": 60_000,  # ms that sent data may stay unacknowledged
}


def database_url(target: str | Path) -> str:
    """``--db`` takes a path (a SQLite file) or a database URL; PostgreSQL goes through psycopg 3."""
    text = str(target)
    if text.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + text.split("://", 1)[1]
    if text.startswith(URL_SCHEMES):
        return text
    return f"sqlite:///{Path(text).expanduser()}"


class NoStore(FileNotFoundError):
    """A command that only reads was pointed at a SQLite file that does not exist."""


def connect(target: str | Path = DEFAULT_DB, *, create: bool = True) -> Engine:
    """An engine for ``target`` with the schema brought up to date; with ``create=False`` a
    SQLite file must exist already (reading an empty store made by a typo helps nobody)."""
    url = database_url(target)
    if not create and url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).exists():
        raise NoStore(f"no store at {target}: make one with qawl ingest (or qawl demo)")
    if url.startswith("sqlite:"):
        engine = create_engine(url, future=True)
    else:
        # pre-ping: a pooled connection the server dropped between batches (a restart, an idle
        # timeout) is replaced when taken, instead of failing the next batch's first statement.
        given = make_url(url).query
        options = {k: v for k, v in PG_CONNECTION.items() if k not in given}  # the URL's own win
        engine = create_engine(url, future=True, pool_pre_ping=True, connect_args=options)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        event.listen(engine, "handle_error", _stuck_is_a_disconnect)
    upgrade(engine)
    return engine


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    # WAL: readers never wait for the writer, and a killed writer leaves only its
    # uncommitted transaction behind; NORMAL is durable across a crash of the process.
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def _stuck_is_a_disconnect(context: ExceptionContext) -> None:
    """A psycopg connection left in pipeline mode is as good as dropped. A backend terminated
    while psycopg leaves pipeline mode fails the statement with "cannot exit pipeline mode while
    busy" before libpq has read the connection's end, and the ROLLBACK after it with
    "PQsendQuery not allowed in pipeline mode"; the dialect sees no disconnect there, so the
    connection would go back into the pool and the transaction would not be tried again."""
    conn = context.connection
    if context.is_disconnect or conn is None or conn.invalidated:
        return
    pgconn = getattr(conn.connection.dbapi_connection, "pgconn", None)
    if pgconn is not None and pgconn.pipeline_status != 0:  # 0: OFF
        context.is_disconnect = True


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head() -> str:
    """The schema version this qawl writes."""
    return str(ScriptDirectory.from_config(_config()).get_current_head())


def current(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine) -> None:
    """Run the migrations the database lacks (none when it is current)."""
    if current(engine) == head():
        return
    config = _config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")


# --- faults: a dropped connection is retried; a full disk is an error that says so ---------

log = logging.getLogger("qawl.store")
T = TypeVar("T")
# Seconds between the tries of a transaction whose connection dropped: 5 tries over 30 s,
# enough for a server restart or a failover, short enough not to hang a run for nothing.
RETRY_DELAYS: tuple[float, ...] = (1.0, 3.0, 8.0, 18.0)
PG_DISK_FULL = "53100"  # PostgreSQL's SQLSTATE disk_full


class StoreError(Exception):
    """The store could not be reached or written; the message (one line) says why and what to
    do. What was committed before stays, whole: running the same ingest again resumes."""


class ConnectionLost(StoreError):
    """The connection dropped and every try to get it back failed."""


class StoreFull(StoreError):
    """A write failed for want of space: a full disk, a file-size limit, a failing disk."""


class StoreLocked(StoreError):
    """SQLite: another program held the store locked for longer than the busy timeout."""


def store_name(store: Engine | str) -> str:
    """The store as a message names it: a SQLite path as given, a URL without its password."""
    url = store.url if isinstance(store, Engine) else make_url(database_url(store))
    if url.get_backend_name() == "sqlite":
        return url.database or ":memory:"
    return url.set(drivername=url.get_backend_name()).render_as_string(hide_password=True)


def one_line(error: BaseException) -> str:
    """A driver's message on one line (psycopg's span several)."""
    return " ".join(str(error).split())


def transaction(
    engine: Engine,
    work: Callable[[Connection], T],
    *,
    doing: str,
    lost: str = "Nothing was lost",
    delays: Sequence[float] | None = None,
    notice: Callable[[str], None] | None = None,
) -> T:
    """``work(conn)`` in one transaction, committed. When the connection drops (the server
    restarts, the network breaks, the backend is terminated) the server has rolled the
    transaction back, so ``work`` runs again on a new connection, after each of ``delays``
    (default RETRY_DELAYS) in turn; ``work`` must give the same result on every try.  Raises
    ConnectionLost when the last try fails, StoreFull when the disk is full, StoreLocked when
    a SQLite file stays locked; ``doing`` (what the transaction does) and ``lost`` (what its
    failure loses) go into their messages, and ``notice`` is told of each retry (else it is
    logged).  SQLite is a local file, without connections to drop: no retries there (a lock
    is waited for by its busy timeout)."""
    remote = engine.dialect.name != "sqlite"
    waits = list(RETRY_DELAYS if delays is None else delays) if remote else []
    for attempt in range(len(waits) + 1):
        try:
            return _try(engine, work, remote)
        except _Dropped as dropped:
            reason = one_line(dropped.error.orig or dropped.error)
            if attempt == len(waits):
                raise ConnectionLost(
                    f"lost the connection to {store_name(engine)} while {doing}, and {len(waits) + 1} "
                    f"tries over {sum(waits):.0f} s did not get it back ({reason}). {lost}. Run the same "
                    "command again, once the database answers, to resume."
                ) from dropped.error
            message = (
                f"lost the connection to {store_name(engine)} while {doing} ({reason}); "
                f"trying again in {waits[attempt]:g} s ({attempt + 2} of {len(waits) + 1} tries)"
            )
            if notice is not None:
                notice(message)
            else:
                log.warning(message)
            time.sleep(waits[attempt])
        except DBAPIError as e:
            failed = write_failure(engine, e)
            if failed is None:
                raise
            kind, why, remedy = failed
            raise kind(
                f"{why} while {doing} ({one_line(e.orig or e)}). {lost}. {remedy} and run the same "
                "command again to resume."
            ) from e
    raise AssertionError("unreachable")


def _try(engine: Engine, work: Callable[[Connection], T], remote: bool) -> T:
    try:
        conn = engine.connect()
    except OperationalError as e:
        if remote:  # the server cannot be reached (yet): restarting, or the network is down
            raise _Dropped(e) from e
        raise
    try:
        with conn, conn.begin():
            return work(conn)  # committed on the way out: a failed COMMIT lands below too
    except DBAPIError as e:
        if e.connection_invalidated:  # SQLAlchemy saw the connection break (and dropped its pool)
            raise _Dropped(e) from e
        raise


class _Dropped(Exception):
    def __init__(self, error: DBAPIError) -> None:
        super().__init__(str(error))
        self.error = error


SQLITE_IOERR_WRITE = 778  # what a write past a file-size limit (EFBIG) comes back as


def write_failure(store: Engine | str, error: DBAPIError) -> tuple[type[StoreError], str, str] | None:
    """A write that failed for want of space (or, on SQLite, for a lock held too long): the
    StoreError to raise, why in words and what to do; None for any other error."""
    orig, where = error.orig, store_name(store)
    if getattr(orig, "sqlstate", None) == PG_DISK_FULL:
        return StoreFull, f"the disk of the database server of {where} is full", "Free some space on it"
    code = getattr(orig, "sqlite_errorcode", None)
    if code is None:
        return None
    if code & 0xFF == sqlite3.SQLITE_FULL:  # ENOSPC
        return StoreFull, f"the disk holding {where} is full", "Free some space"
    if code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        why = f"{where} stayed locked by another program (another qawl ingest?) past the busy timeout"
        return StoreLocked, why, "Let it finish"
    if code == SQLITE_IOERR_WRITE:
        limit = _file_size_limit()
        if limit is not None:
            why = f"{where} reached the file-size limit ({limit} bytes, ulimit -f)"
            return StoreFull, why, "Raise the limit (or free space)"
        folder = Path(where).resolve().parent
        if folder.exists() and shutil.disk_usage(folder).free < 1 << 20:
            return StoreFull, f"the disk holding {where} is full", "Free some space"
        return StoreFull, f"a write to {where} failed (a full disk, or a failing one)", "Check the disk"
    return None


def _file_size_limit() -> int | None:
    """This process's limit on the size of a file it writes (RLIMIT_FSIZE), None without one."""
    try:
        import resource  # not on Windows
    except ImportError:
        return None
    limit = resource.getrlimit(resource.RLIMIT_FSIZE)[0]
    return None if limit == resource.RLIM_INFINITY else limit
