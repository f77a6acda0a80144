"""Opening a store: a SQLite file (the default, no server) or a PostgreSQL database, at the
schema version this qawl needs (migrations by alembic, run on open)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event

DEFAULT_DB = "qawl.db"
MIGRATIONS = Path(__file__).parent / "migrations"
URL_SCHEMES = ("sqlite:", "postgresql:", "postgresql+psycopg:", "postgres:")


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
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
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
