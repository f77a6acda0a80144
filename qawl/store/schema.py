"""The store's tables (SQLAlchemy Core), one schema for SQLite and PostgreSQL.

A record is kept whole across these tables, so that it can be given back exactly
(``qawl export``): the article and its outlets, its entities and their mentions, its
statements with their chains, and its dates.  The entity base lives here too, so that a
batch of articles and the base they grew are committed together.

Offsets are code points into ``articles.text``, as in the record.  ``search`` columns
hold the text normalised for search (``qawl.store.search.search_text``).
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

sources = Table(
    "sources",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False, unique=True),  # outlet or site, as the input gave it
)

articles = Table(
    "articles",
    metadata,
    Column("id", Text, primary_key=True),  # the record's id
    Column("source_id", Integer, ForeignKey("sources.id")),
    Column("url", Text),
    Column("published", String(10)),  # YYYY-MM-DD
    Column("title", Text),
    Column("language", String(8), nullable=False),
    Column("text", Text, nullable=False),
    Column("text_hash", String(40), nullable=False, index=True),  # sha1 of the folded text
    Column("minhash", LargeBinary),  # the MinHash signature that finds its near-duplicates
    Column("warnings", Text, nullable=False),  # JSON list
    Column("search", Text, nullable=False),
    Column("ingested", Integer, nullable=False),  # ingest order, for resumable runs and exports
)
Index("articles_published", articles.c.published)

# Every input that carried an article: the first one and each republication that was
# collapsed into it (same text, or a near-duplicate), with its own outlet, URL and date.
copies = Table(
    "copies",
    metadata,
    Column("input_id", Text, primary_key=True),  # the id the input gave (or its content hash)
    Column("article_id", Text, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("source_id", Integer, ForeignKey("sources.id")),
    Column("url", Text),
    Column("published", String(10)),
    Column("similarity", Float, nullable=False),  # 1.0 for the article itself
)

# Locality-sensitive hashing of the MinHash signatures: articles sharing a band are
# compared, so that a near-duplicate is found without reading every signature.
minhash_bands = Table(
    "minhash_bands",
    metadata,
    Column("hash", String(16), primary_key=True),  # first: looked up by hash
    Column("band", Integer, primary_key=True),
    Column("article_id", Text, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
)

entities = Table(
    "entities",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Text, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("local_id", String(16), nullable=False),  # E1, E2 … within its record
    Column("type", String(4), nullable=False),
    Column("name", Text, nullable=False),
    Column("name_latin", Text),
    Column("kb_id", Text, index=True),
    Column("search", Text, nullable=False),
    UniqueConstraint("article_id", "local_id"),
)
Index("entities_search", entities.c.search)

mentions = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("entity_id", Integer, ForeignKey("entities.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("kind", String(8), nullable=False),
)

statements = Table(
    "statements",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Text, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("local_id", String(16), nullable=False),  # Q1, Q2 … within its record
    Column("type", String(8), nullable=False),
    Column("text", Text, nullable=False),
    Column("start", Integer),
    Column("end", Integer),
    Column("cue_start", Integer),
    Column("cue_end", Integer),
    Column("cue_text", Text),
    Column("speaker_id", Integer, ForeignKey("entities.id", ondelete="CASCADE"), index=True),
    Column("speaker_entity", String(16)),  # the record's E… id (kept when no entity row exists)
    Column("speaker_text", Text),
    Column("speaker_start", Integer),
    Column("speaker_end", Integer),
    Column("date_text", Text),
    Column("date_value", String(10)),
    Column("day", String(10), index=True),  # the statement's date, else its article's: for ranges
    Column("confidence", Float, nullable=False),
    Column("search", Text, nullable=False),
    # qawl/2: who said it across articles (qawl.stories.keys), and the story it is filed under
    # (the id of a statement of that story; its own id while it stands alone).
    Column("speaker_key", Text, index=True),
    Column("story_id", Integer, index=True),
    Column("words", Text),  # its claim words (qawl.stories.match), what other reports are matched by
    UniqueConstraint("article_id", "local_id"),
)

# The MinHash keys a statement is filed under (qawl.stories.keys): statements sharing one
# are compared, so that another report of a statement is found without reading them all.
statement_keys = Table(
    "statement_keys",
    metadata,
    Column("key", BigInteger, primary_key=True),  # first: looked up by key
    Column("statement_id", Integer, ForeignKey("statements.id", ondelete="CASCADE"), primary_key=True),
)

# A statement that answers another's (qawl/2 responds_to): the cue, whom it answers as the
# text names them, and the statement answered when one was found (this article or an
# earlier one).
responses = Table(
    "responses",
    metadata,
    Column("statement_id", Integer, ForeignKey("statements.id", ondelete="CASCADE"), primary_key=True),
    Column("cue_start", Integer, nullable=False),
    Column("cue_end", Integer, nullable=False),
    Column("cue_text", Text, nullable=False),
    Column("speaker_entity", String(16)),
    Column("speaker_text", Text, nullable=False),
    Column("speaker_start", Integer),
    Column("speaker_end", Integer),
    Column("speaker_key", Text),
    Column("answered_id", Integer, ForeignKey("statements.id", ondelete="SET NULL"), index=True),
)

# The chain of a statement, nearest to the speaker first (position 0).
chain_links = Table(
    "chain_links",
    metadata,
    Column("statement_id", Integer, ForeignKey("statements.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("entity_id", Integer, ForeignKey("entities.id", ondelete="CASCADE"), index=True),
    Column("entity", String(16)),
    Column("text", Text, nullable=False),
)

dates = Table(
    "dates",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Text, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("start", Integer),
    Column("end", Integer),
    Column("text", Text, nullable=False),
    Column("value", String(10), nullable=False),
)

failures = Table(
    "failures",
    metadata,
    Column("input", Text, primary_key=True),  # a path, path:line, file#record
    Column("reason", Text, nullable=False),
    Column("at", Text, nullable=False),  # ISO timestamp (UTC) of the last attempt
)

# The entity base (qawl.entities.base): its entries and the next learned id.
base_entries = Table(
    "base_entries",
    metadata,
    Column("kb_id", Text, primary_key=True),
    Column("type", String(4), nullable=False),
    Column("name", Text, nullable=False),
    Column("name_latin", Text),
    Column("variants", Text, nullable=False),  # JSON list
    Column("context", Text, nullable=False),  # JSON list
    Column("weight", Float, nullable=False),
    Column("position", Integer, nullable=False),  # insertion order, which the base's ties follow
)

meta = Table(
    "meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)
