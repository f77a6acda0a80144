from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

# Terminal detection must see what the tests set up, not the environment they run in.
TERMINAL_OVERRIDES = ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "NO_COLOR", "COLUMNS")


@pytest.fixture(autouse=True)
def _no_terminal_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in TERMINAL_OVERRIDES:
        monkeypatch.delenv(name, raising=False)


# --- the store: every store test runs on SQLite and on the PostgreSQL server of this machine ---

POSTGRES = "postgresql://root@127.0.0.1:5432/test"


@contextmanager
def fresh_store(kind: str, folder: Path) -> Iterator[str]:
    """A fresh, empty store: a SQLite file, or a schema of its own in PostgreSQL's ``test``."""
    if kind == "sqlite":
        yield str(folder / "qawl.db")
        return
    from sqlalchemy import create_engine, text

    schema = f"qawl_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES.replace("postgresql://", "postgresql+psycopg://"))
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        yield f"{POSTGRES}?options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_target(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with fresh_store(request.param, tmp_path) as target:
        yield target


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def module_store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A store a whole test module shares (filled once, only read by its tests)."""
    with fresh_store(request.param, tmp_path_factory.mktemp("store")) as target:
        yield target


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def web_store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The web tests' store (tests/web_data.py), filled once for the session, only read."""
    from tests.web_data import filled_store

    with filled_store(request.param, tmp_path_factory.mktemp("web")) as target:
        yield target
