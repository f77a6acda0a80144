"""Opening a store: paths and URLs, and the schema brought to the version qawl writes."""

from __future__ import annotations

from sqlalchemy import inspect

from qawl.store.database import connect, current, database_url, head


def test_db_takes_a_path_or_a_url() -> None:
    assert database_url("news.db") == "sqlite:///news.db"
    assert database_url("postgresql://me@db.local/news") == "postgresql+psycopg://me@db.local/news"
    assert database_url("sqlite:////tmp/x.db") == "sqlite:////tmp/x.db"


def test_a_new_store_is_at_the_current_schema_and_reopens_without_migrating(store_target: str) -> None:
    engine = connect(store_target)
    assert current(engine) == head() == "0002"
    tables = set(inspect(engine).get_table_names())
    assert {
        "articles",
        "copies",
        "entities",
        "mentions",
        "statements",
        "chain_links",
        "dates",
        "failures",
    } <= tables
    engine.dispose()
    again = connect(store_target)
    assert current(again) == head()
    again.dispose()
