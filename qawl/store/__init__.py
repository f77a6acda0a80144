"""The store: records in SQLite (a file, the default) or PostgreSQL, ingested idempotently
and searchable (see ``ingest``, ``search``, ``reader``)."""

from qawl.store.database import DEFAULT_DB, connect, database_url

__all__ = ["DEFAULT_DB", "connect", "database_url"]
