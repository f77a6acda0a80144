"""The first schema: articles and their copies, entities, mentions, statements, chains,
dates, failures, the entity base, and full-text search over statements and articles.

Revision ID: 0001
"""

from alembic import op

from qawl.store import schema

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TABLES = [
    schema.sources, schema.articles, schema.copies, schema.minhash_bands, schema.entities,
    schema.mentions, schema.statements, schema.chain_links, schema.dates, schema.failures,
    schema.base_entries, schema.meta,
]  # fmt: skip


def upgrade() -> None:
    bind = op.get_bind()
    schema.metadata.create_all(bind, tables=TABLES)
    if bind.dialect.name == "sqlite":
        # External-content FTS5 indexes: the words live in the tables' `search` columns.
        op.execute(
            "CREATE VIRTUAL TABLE statements_fts USING fts5(search, content='statements', content_rowid='id')"
        )
        op.execute(
            "CREATE VIRTUAL TABLE articles_fts USING fts5(search, content='articles', content_rowid='rowid')"
        )
    else:
        op.execute("CREATE INDEX statements_fts ON statements USING gin (to_tsvector('simple', search))")
        op.execute("CREATE INDEX articles_fts ON articles USING gin (to_tsvector('simple', search))")


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS statements_fts")
    op.execute("DROP TABLE IF EXISTS articles_fts")
    schema.metadata.drop_all(op.get_bind(), tables=list(reversed(TABLES)))
