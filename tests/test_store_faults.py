"""Faults in the store, all real (tests/store_faults.py): PostgreSQL backends terminated in the
middle of a batch, a network cut, a COMMIT whose answer is lost, a server out of reach, a
full disk (a file-size limit on SQLite, a full filesystem under a PostgreSQL tablespace).
After each, the store holds exactly the rows of an uninterrupted run over the same articles
(or, after a fault that stops the run, exactly the batches committed before it, and a rerun
completes it): nothing lost, nothing stored twice."""

from __future__ import annotations

import os
import pickle
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import psycopg
import pytest
from click.testing import CliRunner
from sqlalchemy import Connection, text

import qawl.store.commands
import qawl.store.database
import qawl.store.ingest
import qawl.store.writer
from qawl.cli import main
from qawl.record import Article
from qawl.store import connect
from qawl.store.database import StoreFull, transaction
from qawl.store.ingest import ingest
from qawl.store.reader import counts
from qawl.store.writer import Added
from tests.conftest import POSTGRES, fresh_store
from tests.store_data import dev_articles
from tests.store_faults import (
    Contents,
    Killer,
    Relay,
    Replay,
    admin,
    closed_port,
    contents,
    doubled,
    stored_ids,
    with_app_name,
    write_jsonl,
)

ROOT = Path(__file__).resolve().parents[1]
BATCH = 4  # small batches: several a run, so that a fault lands between committed ones
FAST = (0.05, 0.1, 0.2, 0.4)  # retry delays: 5 tries, as the real ones, in under a second
Clean = tuple[Added, Contents]  # what an uninterrupted run added, and what it stored


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    return dev_articles(20)


@pytest.fixture(scope="module")
def replay(articles: list[Article]) -> Replay:
    return Replay(articles)


@pytest.fixture(scope="module")
def clean(articles: list[Article], replay: Replay, tmp_path_factory: pytest.TempPathFactory) -> Clean:
    """An uninterrupted run on PostgreSQL: what it added and what it stored."""
    with fresh_store("postgresql", tmp_path_factory.mktemp("clean")) as target:
        engine = connect(target)
        added = ingest(engine, articles, runner=replay, batch=BATCH)
        stored = contents(engine)
        engine.dispose()
    assert added.articles == len(articles) and not added.skipped
    return added, stored


@pytest.fixture
def relay() -> Iterator[Relay]:
    relay = Relay()
    relay.start()
    yield relay
    relay.close()


def spy(
    monkeypatch: pytest.MonkeyPatch, module: ModuleType, name: str, at: dict[int, Callable[[], Any]]
) -> None:
    """Call ``at[n]`` before the n-th call of ``module.name`` (every try counted): a fault at
    a chosen point of a chosen batch."""
    function = getattr(module, name)
    calls = [0]

    def spied(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        if calls[0] in at:
            at[calls[0]]()
        return function(*args, **kwargs)

    monkeypatch.setattr(module, name, spied)


def test_backends_terminated_mid_batch_are_retried(
    articles: list[Article], replay: Replay, clean: Clean, tmp_path: Path
) -> None:
    app = f"qawl_fault_test_{uuid.uuid4().hex[:8]}"
    with fresh_store("postgresql", tmp_path) as target:
        engine = connect(with_app_name(target, app))
        # Concurrently, from another connection: in the first batch (the one that stores the
        # whole seed base), then once 8 and once 16 articles are stored.
        killer = Killer(app, target.rsplit("%3D", 1)[1], after=(0, 8, 16))
        killer.start()
        notices: list[str] = []
        try:
            added = ingest(
                engine, articles, runner=replay, batch=BATCH, notice=notices.append, retry_delays=FAST
            )
        finally:
            killer.stop.set()
            killer.join()
        assert killer.kills >= 2 and len(notices) >= 2, (killer.kills, notices)
        assert all("terminat" in n or "closed the connection" in n for n in notices), notices
        assert added == clean[0]
        assert contents(engine) == clean[1]
        assert doubled(engine) == 0
        engine.dispose()


def test_a_connection_left_in_pipeline_mode_is_retried_on_a_new_one(tmp_path: Path) -> None:
    # A backend terminated while psycopg leaves pipeline mode leaves the connection in it, and
    # SQLAlchemy sees no disconnect: the work failed with "cannot exit pipeline mode while busy"
    # and the ROLLBACK after it with "PQsendQuery not allowed in pipeline mode" (a CI run of
    # the test above). Here libpq is put in pipeline mode under psycopg, as that leaves it.
    with fresh_store("postgresql", tmp_path) as target:
        engine = connect(target)
        drivers: list[Any] = []

        def work(conn: Connection) -> int:
            drivers.append(conn.connection.dbapi_connection)
            if len(drivers) == 1:
                drivers[0].pgconn.enter_pipeline_mode()
            return conn.execute(text("SELECT 42")).scalar_one()

        notices: list[str] = []
        assert transaction(engine, work, doing="testing", delays=[0], notice=notices.append) == 42
        assert len(drivers) == 2 and drivers[1] is not drivers[0]  # on a new connection
        assert len(notices) == 1 and "pipeline mode" in notices[0], notices
        assert drivers[0].closed  # the stuck one went, not back into the pool
        engine.dispose()


def test_connections_dropped_at_chosen_points_are_retried(
    articles: list[Article],
    replay: Replay,
    clean: Clean,
    relay: Relay,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def blink() -> None:  # every connection dropped, new ones accepted at once
        relay.cut()
        relay.mend()

    def down_for_a_second() -> None:  # new connections refused for a second
        relay.cut()
        threading.Timer(1.0, relay.mend).start()

    with fresh_store("postgresql", tmp_path) as target:
        engine = connect(relay.url(target))
        # Batch 2's COMMIT goes through but its answer is lost: the retry must see that it
        # committed, and neither store it again nor count it as "already stored" (no article
        # is added again). Batch 3 is cut as it stores its base changes, taken from the base
        # already: the retry must store them all the same (and adds batch 3's articles again:
        # calls 13 to 16). Batch 4 is cut and new connections refused for a second.
        spy(monkeypatch, qawl.store.writer, "_add_article", {5: relay.lose_commit.set, 17: down_for_a_second})
        spy(monkeypatch, qawl.store.writer, "_set_meta", {5: blink})  # base_next_id, batch 3
        # And the look-up of the last chunk's stored inputs, cut.
        spy(monkeypatch, qawl.store.ingest, "stored_inputs", {5: blink})
        notices: list[str] = []
        added = ingest(
            engine, articles, runner=replay, batch=BATCH, notice=notices.append, retry_delays=(0.5, 1, 2, 4)
        )
        assert added == clean[0]  # exactly: batch 2 counted once, as stored
        assert contents(engine) == clean[1]
        assert [n.split(" while ")[1].split(" (")[0] for n in notices] == [
            "writing batch 2 of this run",
            "writing batch 3 of this run",
            "writing batch 4 of this run",
            "writing batch 4 of this run",
            "asking which inputs are stored",
        ], notices
        assert "refused" in notices[3]
        assert doubled(engine) == 0
        engine.dispose()


def test_a_database_out_of_reach_stops_the_run_and_a_rerun_completes(
    articles: list[Article],
    replay: Replay,
    clean: Clean,
    relay: Relay,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(qawl.store.database, "RETRY_DELAYS", FAST)
    monkeypatch.setattr(qawl.store.ingest, "BATCH", BATCH)
    monkeypatch.setattr(qawl.store.commands, "chosen_runner", lambda *options, **chosen: replay)
    source = write_jsonl(tmp_path / "in.jsonl", articles)
    ids = [a.id for a in articles]
    with fresh_store("postgresql", tmp_path) as target:
        spy(monkeypatch, qawl.store.writer, "_add_article", {6: relay.cut})  # in batch 2, for good
        result = CliRunner().invoke(main, ["ingest", "--db", relay.url(target), str(source)])
        assert result.exit_code == 3, result.output
        assert "Traceback" not in result.output
        *retries, error = result.stderr.splitlines()
        assert len(retries) == 4 and all("trying again" in r for r in retries), retries
        assert error.startswith(f"qawl: lost the connection to postgresql://root@127.0.0.1:{relay.port}/test")
        assert f"while writing batch 2 of this run (4 inputs: {ids[4]} … {ids[7]}), and 5 tries" in error
        assert error.endswith(
            "Nothing of that batch was stored; the one before it was. Run the same command again, "
            "once the database answers, to resume."
        )

        engine = connect(target)  # the server itself: the store holds batch 1, whole
        assert stored_ids(engine) == ids[:4]
        assert contents(engine)[1] == clean[1][1][:4]
        again = ingest(engine, articles, runner=replay, batch=BATCH)
        assert (again.articles, again.skipped) == (16, 4)
        assert contents(engine) == clean[1]
        assert doubled(engine) == 0
        engine.dispose()


def test_no_server_at_the_url_is_a_one_line_error(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", dev_articles(1))
    url = f"postgresql://root@127.0.0.1:{closed_port()}/test"
    result = CliRunner().invoke(main, ["ingest", "--db", url, str(source)])
    assert result.exit_code == 3, result.output
    assert result.stderr.startswith(f"qawl: cannot open the store {url}: connection failed")
    assert "refused" in result.stderr and len(result.stderr.splitlines()) == 1, result.stderr


# --- a full disk -------------------------------------------------------------------------


# qawl ingest in a process of its own, under a file-size limit: no file it writes (the
# store, its WAL, temporary files) may grow past it; SIGXFSZ ignored, so that a write past
# it fails (EFBIG), as on a full disk, instead of killing the process. Batches of 4 (the
# module's default, set before it runs); the analysis replayed from a pickle (Replay).
REPLAYED_INGEST = """
import pickle, sys
import qawl.store.commands, qawl.store.ingest
from qawl.cli import main

qawl.store.ingest.BATCH = int(sys.argv.pop(1))
with open(sys.argv.pop(1), "rb") as f:
    replay = pickle.load(f)
qawl.store.commands.chosen_runner = lambda *options, **chosen: replay
main()
"""


def _limited(size: int) -> Callable[[], None]:
    def apply() -> None:  # in the child, before it runs Python
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    return apply


def test_a_file_size_limit_on_sqlite_is_a_clear_error_and_a_rerun_completes(
    articles: list[Article], replay: Replay, tmp_path: Path
) -> None:
    # A store holding the first batch (its first batch writes the whole seed base), copied:
    # the clean run and the limited one start from the same file, with no WAL.
    start = tmp_path / "start.db"
    engine = connect(start)
    ingest(engine, articles[:BATCH], runner=replay, batch=BATCH)
    engine.dispose()
    assert not Path(f"{start}-wal").exists()
    reference, limited = tmp_path / "reference.db", tmp_path / "limited.db"
    shutil.copy(start, reference)
    shutil.copy(start, limited)

    # The clean run, measured: in WAL mode a batch grows the -wal file only (up to 4 MiB).
    engine = connect(reference)
    after: dict[int, tuple[int, dict[str, int]]] = {}  # WAL size after each write: store's counts

    def measure(_: int) -> None:
        wal = Path(f"{reference}-wal")
        size = wal.stat().st_size if wal.exists() else 0
        if size and size not in after:
            after[size] = counts(engine)

    ingest(engine, articles, runner=replay, batch=BATCH, progress=measure)
    expected = contents(engine)
    engine.dispose()
    sizes = sorted(after)
    assert len(sizes) == 4  # the 4 batches after the first
    limit = (sizes[1] + sizes[2]) // 2  # room for two batches, not three

    source = write_jsonl(tmp_path / "in.jsonl", articles)
    replayed = tmp_path / "replay.pickle"
    replayed.write_bytes(pickle.dumps(replay))
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            REPLAYED_INGEST,
            str(BATCH),
            str(replayed),
            "ingest",
            "--db",
            str(limited),
            str(source),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=_limited(limit),
    )
    assert run.returncode == 3, run.stderr
    assert "Traceback" not in run.stderr
    error = run.stderr.strip()
    assert "\n" not in error, error
    ids = [a.id for a in articles]
    assert error.startswith(f"qawl: {limited} reached the file-size limit ({limit} bytes, ulimit -f) while ")
    assert f"writing batch 3 of this run (4 inputs: {ids[12]} … {ids[15]})" in error
    assert error.endswith(
        "Nothing of that batch was stored; the 2 before it were. Raise the limit (or free space) and "
        "run the same command again to resume."
    )

    with sqlite3.connect(limited) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    engine = connect(limited)
    assert stored_ids(engine) == ids[:12]
    assert counts(engine) == after[sizes[1]]
    assert contents(engine)[1] == expected[1][:12]
    again = ingest(engine, articles, runner=replay, batch=BATCH)
    assert (again.articles, again.skipped) == (8, 12)
    assert contents(engine) == expected
    assert doubled(engine) == 0
    engine.dispose()


class SmallDisk:
    """A tablespace of the PostgreSQL server on a tmpfs of its own, which ``resize`` fills up
    or frees; ``used`` is the space its files take."""

    def __init__(self, folder: Path, tablespace: str) -> None:
        self.folder, self.tablespace = folder, tablespace

    def resize(self, size: int) -> None:
        subprocess.run(["mount", "-o", f"remount,size={size}", "qawl-full", str(self.folder)], check=True)

    def used(self) -> int:
        st = os.statvfs(self.folder)
        return (st.f_blocks - st.f_bfree) * st.f_frsize


@pytest.fixture
def small_disk() -> Iterator[SmallDisk]:
    """Needs root (to mount), the server on this machine and a superuser role (to make a
    tablespace): skipped where one is missing."""
    folder = Path(tempfile.mkdtemp(prefix="qawl-full-"))
    folder.chmod(0o755)  # the server's user must reach it
    tablespace = f"qawl_full_{uuid.uuid4().hex[:10]}"
    try:
        uid = int(subprocess.check_output(["id", "-u", "postgres"], text=True))
        gid = int(subprocess.check_output(["id", "-g", "postgres"], text=True))
        mount = ["mount", "-t", "tmpfs", "-o", f"size=64m,mode=0700,uid={uid},gid={gid}", "qawl-full"]
        subprocess.run([*mount, str(folder)], check=True, capture_output=True)
    except (OSError, subprocess.CalledProcessError, ValueError) as e:
        folder.rmdir()
        pytest.skip(f"no small filesystem for PostgreSQL here (mount, as root, and a postgres user): {e}")
    try:
        try:
            with admin() as conn:
                conn.execute(f"CREATE TABLESPACE {tablespace} LOCATION '{folder}'")
        except psycopg.Error as e:
            pytest.skip(f"no tablespace on it (a server elsewhere, or not a superuser): {e}")
        yield SmallDisk(folder, tablespace)
        with admin() as conn:
            conn.execute(f"DROP TABLESPACE {tablespace}")
    finally:
        subprocess.run(["umount", str(folder)], check=False)
        folder.rmdir()


def _no_autovacuum(schema: str) -> None:
    """Autovacuum would add files (free space and visibility maps) at times of its choosing,
    and the space a batch takes must be the same in the measured run and the faulted one."""
    with admin() as conn:
        tables = conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = %s", (schema,)).fetchall()
        for (table,) in tables:
            off = "autovacuum_enabled = false, toast.autovacuum_enabled = false"
            conn.execute(f"ALTER TABLE {schema}.{table} SET ({off})")


def test_a_full_disk_under_postgresql_is_a_clear_error_and_a_rerun_completes(
    articles: list[Article], replay: Replay, clean: Clean, small_disk: SmallDisk
) -> None:
    schema = f"qawl_test_{uuid.uuid4().hex[:12]}"
    url = f"{POSTGRES}?options=-csearch_path%3D{schema}%20-cdefault_tablespace%3D{small_disk.tablespace}"
    try:
        # Measured first: the space the tables take after each of the first 3 batches.
        with admin() as conn:
            conn.execute(f"CREATE SCHEMA {schema}")
        engine = connect(url)
        _no_autovacuum(schema)
        used: list[int] = []
        ingest(
            engine,
            articles[: 3 * BATCH],
            runner=replay,
            batch=BATCH,
            progress=lambda n: n and used.append(small_disk.used()),
        )
        engine.dispose()
        with admin() as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")
            conn.execute(f"CREATE SCHEMA {schema}")
        small_disk.resize((used[1] + used[2]) // 2)  # room for two batches, not three

        engine = connect(url)
        _no_autovacuum(schema)
        with pytest.raises(StoreFull) as full:
            ingest(engine, articles, runner=replay, batch=BATCH, retry_delays=FAST)
        message = str(full.value)
        assert message.startswith("the disk of the database server of postgresql://root@127.0.0.1:5432/test")
        assert "while writing batch 3 of this run" in message
        # PostgreSQL's words for it depend on where the disk ran out: mid-block or between blocks.
        assert "No space left on device" in message or "could not extend file" in message
        assert message.endswith(
            "Nothing of that batch was stored; the 2 before it were. Free some space on it and run the "
            "same command again to resume."
        )
        ids = [a.id for a in articles]
        assert stored_ids(engine) == ids[:8]
        assert contents(engine)[1] == clean[1][1][:8]

        small_disk.resize(64 << 20)  # space freed
        again = ingest(engine, articles, runner=replay, batch=BATCH)
        assert (again.articles, again.skipped) == (12, 8)
        assert contents(engine) == clean[1]
        assert doubled(engine) == 0
        engine.dispose()
    finally:
        with admin() as conn:
            conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


def test_a_silent_server_is_given_up_on_within_a_minute(tmp_path: Path) -> None:
    """A partition that drops packets closes nothing: without TCP keepalives and a user
    timeout a connection would wait for ever (or 15 minutes). Dropping packets needs a packet
    filter this test cannot count on, so it checks the options reach libpq, the URL's own
    values first."""
    with fresh_store("postgresql", tmp_path) as target:
        for url, idle in ((target, "30"), (f"{target}&keepalives_idle=5", "5")):
            engine = connect(url)
            with engine.connect() as conn:
                dsn = conn.connection.dbapi_connection.info.get_parameters()  # type: ignore[union-attr]
            assert dsn["keepalives_idle"] == idle and dsn["tcp_user_timeout"] == "60000", dsn
            assert dsn["connect_timeout"] == "10" and dsn["keepalives_count"] == "3", dsn
            engine.dispose()
