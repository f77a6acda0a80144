"""Statements as flat rows, for spreadsheets (CSV) and data frames (Parquet).

One layout, whether the rows come from the store (``qawl export``) or straight from records
(``qawl extract --output-format parquet``): a record's rows are the rows the store gives
once that record is stored.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, select

from qawl.record import VIA_SEPARATOR, Record
from qawl.store import schema as s
from qawl.store.search import chain_text
from qawl.stories.keys import statement_day

if TYPE_CHECKING:
    import pyarrow as pa

STATEMENT_COLUMNS = [
    "article_id", "published", "outlet", "url", "statement_id", "type", "day", "said_on", "date_text",
    "speaker", "speaker_latin", "speaker_kb_id", "speaker_text", "via", "cue", "text", "confidence",
]  # fmt: skip
PARQUET_BATCH = 10_000


def statement_rows(engine: Engine) -> Iterator[dict[str, object]]:
    """One row a statement, in the order the articles were stored."""
    st, a, src, sp = s.statements, s.articles, s.sources, s.entities.alias("speaker")
    via = chain_text(engine)
    q = (
        select(
            st.c.article_id,
            a.c.published,
            src.c.name,
            a.c.url,
            st.c.local_id,
            st.c.type,
            st.c.day,
            st.c.date_value,
            st.c.date_text,
            sp.c.name,
            sp.c.name_latin,
            sp.c.kb_id,
            st.c.speaker_text,
            via,
            st.c.cue_text,
            st.c.text,
            st.c.confidence,
        )
        .join(a, a.c.id == st.c.article_id)
        .outerjoin(src, src.c.id == a.c.source_id)
        .outerjoin(sp, sp.c.id == st.c.speaker_id)
        .order_by(a.c.ingested, st.c.id)
    )
    with engine.connect() as conn:
        for row in conn.execution_options(yield_per=1000).execute(q):
            yield dict(zip(STATEMENT_COLUMNS, row, strict=True))


def record_rows(r: Record) -> list[dict[str, object]]:
    """A record's statements as the rows of ``statement_rows`` (the same values, once stored)."""
    rows = []
    for q in r.quotes:
        sp = q.speaker
        speaker = r.entity(sp.entity) if sp and sp.entity else None
        values = (
            r.id,
            r.published,
            r.source or None,  # the store keeps no outlet without a name
            r.url,
            q.id,
            q.type,
            statement_day(q.date.value if q.date else None, r.published),
            q.date.value if q.date else None,
            q.date.text if q.date else None,
            speaker.name if speaker else None,
            speaker.name_latin if speaker else None,
            speaker.kb_id if speaker else None,
            sp.text if sp else None,
            VIA_SEPARATOR.join(v.text for v in q.via) or None,
            q.cue.text if q.cue else None,
            q.text,
            round(q.confidence, 3),
        )
        rows.append(dict(zip(STATEMENT_COLUMNS, values, strict=True)))
    return rows


def statement_schema() -> pa.Schema:
    """The Parquet columns of a statement row: text, but for the confidence."""
    import pyarrow as pa

    types = {"confidence": pa.float64()}
    return pa.schema([(c, types.get(c, pa.string())) for c in STATEMENT_COLUMNS])


def write_parquet(rows: Iterable[dict[str, object]], path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = statement_schema()
    with pq.ParquetWriter(path, schema) as writer:
        batch: list[dict[str, object]] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= PARQUET_BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                batch = []
        if batch:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
