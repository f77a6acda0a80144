"""Writing records: one transaction a batch, so that a run killed at any moment leaves every
batch either whole or absent, and a rerun picks up where the last commit left off. A batch
whose connection drops is written again on a new one (``database.transaction``), exactly as
it would have been the first time.

An article already stored under its id is skipped; one whose text is the same as, or a
near-duplicate of, a stored article is not stored again: its outlet, URL and date are added
to that article's copies.
"""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

import numpy as np
from sqlalchemy import Connection, Engine, func, insert, select, update

from qawl.entities.base import EntityBase, Entry
from qawl.entities.linking import grow_base
from qawl.ingest.readers import Failure
from qawl.record import Record
from qawl.store import dedupe, stories
from qawl.store import schema as s
from qawl.store.database import transaction
from qawl.store.search_text import search_text

LAST_BATCH = "last_batch"  # meta: the token of the last batch committed


@dataclass(slots=True)
class Added:
    """What a batch (or a run) added."""

    articles: int = 0
    copies: int = 0  # republications collapsed into a stored article
    statements: int = 0
    failures: int = 0
    skipped: int = 0  # already stored under their id

    def __iadd__(self, other: Added) -> Added:
        for name in ("articles", "copies", "statements", "failures", "skipped"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        return self


@dataclass(slots=True)
class _Ids:
    """Next primary keys: one ingest writes at a time, so they are counted here, not asked for."""

    entity: int
    statement: int
    date: int
    mention: int
    ingested: int
    base_position: int
    sources: dict[str, int] = field(default_factory=dict)


def known_inputs(engine: Engine, ids: Sequence[str]) -> set[str]:
    """Which of these input ids are stored already (as an article or one of its copies)."""
    with engine.connect() as conn:
        return stored_inputs(conn, ids)


def stored_inputs(conn: Connection, ids: Sequence[str]) -> set[str]:
    out: set[str] = set()
    for i in range(0, len(ids), 500):
        chunk = list(ids[i : i + 500])
        out.update(conn.scalars(select(s.copies.c.input_id).where(s.copies.c.input_id.in_(chunk))))
    return out


def load_base(engine: Engine) -> EntityBase:
    with engine.connect() as conn:
        return read_base(conn)


def read_base(conn: Connection) -> EntityBase:
    """The entity base as the store holds it."""
    rows = conn.execute(select(s.base_entries).order_by(s.base_entries.c.position)).all()
    next_id = _meta(conn, "base_next_id")
    entries = [
        Entry(
            r.kb_id,
            r.type,
            r.name,
            tuple(json.loads(r.variants)),
            r.name_latin,
            tuple(json.loads(r.context)),
            r.weight,
        )
        for r in rows
    ]
    return EntityBase.restore(entries, int(next_id or 1))


def write_batch(
    engine: Engine,
    items: Iterable[Record | Failure],
    base: EntityBase,
    *,
    doing: str | None = None,
    lost: str = "Nothing of that batch was stored",
    delays: Sequence[float] | None = None,
    notice: Callable[[str], None] | None = None,
) -> Added:
    """Store a batch of records and failures in one transaction; ``base`` grows with the
    records and its changes are stored with them, and their statements are filed into stories
    (qawl.store.stories; a store of an earlier qawl has its own filed first, by ``ingest``). A
    dropped connection is retried (``doing``, ``lost``, ``delays`` and ``notice`` as for
    ``database.transaction``)."""
    items = list(items)
    tries = _Tries()
    return transaction(
        engine,
        lambda conn: _write(conn, items, base, tries),
        doing=doing or f"writing a batch of {len(items)} inputs",
        lost=lost,
        delays=delays,
        notice=notice,
    )


@dataclass(slots=True)
class _Tries:
    """What the tries of one batch share, so that a retry writes exactly what the first try
    would have committed. The rows are rebuilt from the database, rolled back to where it
    was; what lives in memory is kept instead: the base has learned a record's entities once
    (a second ``grow`` would count them twice) and the record carries the kb_ids it gave; the
    base's changes, once taken, stay ``pending`` until a try commits. ``added`` and ``token``
    tell a retry that the last try's COMMIT went through though its answer was lost."""

    token: str = field(default_factory=lambda: uuid.uuid4().hex)
    grown: set[int] = field(default_factory=set)  # positions in the batch
    pending: set[str] = field(default_factory=set)  # kb_ids
    added: Added | None = None


def _write(conn: Connection, items: list[Record | Failure], base: EntityBase, tries: _Tries) -> Added:
    if tries.added is not None and _meta(conn, LAST_BATCH) == tries.token:
        return tries.added
    added = Added()
    ids = _next_ids(conn)
    fresh: list[stories.Stored] = []
    stored = stored_inputs(conn, [x.id for x in items if isinstance(x, Record)])
    batch_bands: dict[tuple[int, str], list[tuple[str, np.ndarray]]] = defaultdict(list)
    for position, item in enumerate(items):
        if isinstance(item, Failure):
            _record_failure(conn, item)
            added.failures += 1
            continue
        if item.id in stored:
            added.skipped += 1
            continue
        stored.add(item.id)
        text = _Text(dedupe.text_hash(item.text), dedupe.signature(item.text))
        original = _original(conn, text, batch_bands)
        if original is not None:
            article_id, similarity = original
            _add_copy(conn, ids, item, article_id, similarity)
            added.copies += 1
            continue
        if position not in tries.grown:
            grow_base(base, item)
            tries.grown.add(position)
        fresh.append(_add_article(conn, ids, item, text, batch_bands))
        added.articles += 1
        added.statements += len(item.quotes)
    stories.link(conn, fresh)
    _save_base(conn, ids, base, tries.pending)
    _set_meta(conn, LAST_BATCH, tries.token)
    tries.added = added
    return added


# --- duplicates ----------------------------------------------------------------------


@dataclass(slots=True, frozen=True)
class _Text:
    """What finds an article's copies: its text's hash and MinHash signature (None when short)."""

    hash: str
    sig: np.ndarray | None


def _original(
    conn: Connection, text: _Text, batch: dict[tuple[int, str], list[tuple[str, np.ndarray]]]
) -> tuple[str, float] | None:
    """The stored article a text republishes, with the similarity, or None."""
    same = conn.scalar(select(s.articles.c.id).where(s.articles.c.text_hash == text.hash))
    if same is not None:
        return same, 1.0
    sig = text.sig
    if sig is None:
        return None
    keys = dedupe.bands(sig)
    candidates: dict[str, np.ndarray] = {}
    for key in keys:
        for article_id, other in batch.get(key, ()):
            candidates[article_id] = other
    wanted = set(keys)
    bands = s.minhash_bands.c
    sharing = {
        article_id
        for band, hash_, article_id in conn.execute(
            select(bands.band, bands.hash, bands.article_id).where(bands.hash.in_([h for _, h in keys]))
        )
        if (band, hash_) in wanted
    } - set(candidates)
    if sharing:
        query = select(s.articles.c.id, s.articles.c.minhash).where(s.articles.c.id.in_(sorted(sharing)))
        for article_id, data in conn.execute(query):
            candidates[article_id] = dedupe.from_bytes(data)
    best = max(((dedupe.similarity(sig, other), aid) for aid, other in candidates.items()), default=None)
    if best is not None and best[0] >= dedupe.THRESHOLD:
        return best[1], best[0]
    return None


# --- rows ------------------------------------------------------------------------------


def _next_ids(conn: Connection) -> _Ids:
    def next_of(column) -> int:  # type: ignore[no-untyped-def]
        return int(conn.scalar(select(func.coalesce(func.max(column), 0))) or 0) + 1

    return _Ids(
        entity=next_of(s.entities.c.id),
        statement=next_of(s.statements.c.id),
        date=next_of(s.dates.c.id),
        mention=next_of(s.mentions.c.id),
        ingested=next_of(s.articles.c.ingested),
        base_position=next_of(s.base_entries.c.position),
        sources=dict(conn.execute(select(s.sources.c.name, s.sources.c.id)).all()),
    )


def _source(conn: Connection, ids: _Ids, name: str | None) -> int | None:
    if not name:
        return None
    if name not in ids.sources:
        ids.sources[name] = conn.execute(
            insert(s.sources).values(name=name).returning(s.sources.c.id)
        ).scalar_one()
    return ids.sources[name]


def _add_copy(conn: Connection, ids: _Ids, record: Record, article_id: str, similarity: float) -> None:
    conn.execute(
        insert(s.copies).values(
            input_id=record.id,
            article_id=article_id,
            source_id=_source(conn, ids, record.source),
            url=record.url,
            published=record.published,
            similarity=round(similarity, 3),
        )
    )


def _add_article(
    conn: Connection,
    ids: _Ids,
    r: Record,
    text: _Text,
    batch: dict[tuple[int, str], list[tuple[str, np.ndarray]]],
) -> stories.Stored:
    source_id = _source(conn, ids, r.source)
    sig = text.sig
    search = search_text(r.text)
    conn.execute(
        insert(s.articles).values(
            id=r.id,
            source_id=source_id,
            url=r.url,
            published=r.published,
            title=r.title,
            language=r.language,
            text=r.text,
            text_hash=text.hash,
            minhash=dedupe.to_bytes(sig) if sig is not None else None,
            warnings=json.dumps(r.warnings, ensure_ascii=False),
            search=search,
            ingested=ids.ingested,
        )
    )
    ids.ingested += 1
    conn.execute(
        insert(s.copies).values(
            input_id=r.id,
            article_id=r.id,
            source_id=source_id,
            url=r.url,
            published=r.published,
            similarity=1.0,
        )
    )
    if sig is not None:
        keys = dedupe.bands(sig)
        conn.execute(insert(s.minhash_bands), [{"band": b, "hash": h, "article_id": r.id} for b, h in keys])
        for key in keys:
            batch[key].append((r.id, sig))
    entity_ids = _add_entities(conn, ids, r)
    filed = _add_statements(conn, ids, r, entity_ids)
    if r.dates:
        rows = [
            {
                "id": ids.date + n,
                "article_id": r.id,
                "start": d.start,
                "end": d.end,
                "text": d.text,
                "value": d.value,
            }
            for n, d in enumerate(r.dates)
        ]
        ids.date += len(rows)
        conn.execute(insert(s.dates), rows)
    _index_article(conn, r.id, search)
    return stories.Stored(r, filed)


def _add_entities(conn: Connection, ids: _Ids, r: Record) -> dict[str, int]:
    entity_ids: dict[str, int] = {}
    rows, mention_rows = [], []
    for e in r.entities:
        entity_ids[e.id] = ids.entity
        rows.append(
            {
                "id": ids.entity,
                "article_id": r.id,
                "local_id": e.id,
                "type": e.type,
                "name": e.name,
                "name_latin": e.name_latin,
                "kb_id": e.kb_id,
                "search": search_text(" ".join(x for x in (e.name, e.name_latin or "") if x)),
            }
        )
        for m in e.mentions:
            mention_rows.append(
                {
                    "id": ids.mention,
                    "entity_id": ids.entity,
                    "start": m.start,
                    "end": m.end,
                    "text": m.text,
                    "kind": m.kind,
                }
            )
            ids.mention += 1
        ids.entity += 1
    if rows:
        conn.execute(insert(s.entities), rows)
    if mention_rows:
        conn.execute(insert(s.mentions), mention_rows)
    return entity_ids


def _add_statements(
    conn: Connection, ids: _Ids, r: Record, entity_ids: dict[str, int]
) -> dict[str, stories.Filing]:
    rows, links = [], []
    filed: dict[str, stories.Filing] = {}
    for q in r.quotes:
        sp = q.speaker
        filing = filed[q.id] = stories.Filing.of(r, q, ids.statement)
        rows.append(
            {
                "id": ids.statement,
                "article_id": r.id,
                "local_id": q.id,
                "type": q.type,
                "text": q.text,
                "start": q.start,
                "end": q.end,
                "cue_start": q.cue.start if q.cue else None,
                "cue_end": q.cue.end if q.cue else None,
                "cue_text": q.cue.text if q.cue else None,
                "speaker_id": entity_ids.get(sp.entity) if sp and sp.entity else None,
                "speaker_entity": sp.entity if sp else None,
                "speaker_text": sp.text if sp else None,
                "speaker_start": sp.start if sp else None,
                "speaker_end": sp.end if sp else None,
                "date_text": q.date.text if q.date else None,
                "date_value": q.date.value if q.date else None,
                "day": filing.day,
                "confidence": round(q.confidence, 3),
                "search": search_text(q.text),
                "speaker_key": filing.speaker,
                "words": " ".join(filing.words),
                "story_id": ids.statement,  # its own until stories.link files it
            }
        )
        for position, v in enumerate(q.via):
            links.append(
                {
                    "statement_id": ids.statement,
                    "position": position,
                    "entity_id": entity_ids.get(v.entity) if v.entity else None,
                    "entity": v.entity,
                    "text": v.text,
                }
            )
        ids.statement += 1
    if rows:
        conn.execute(insert(s.statements), rows)
        _index_statements(conn, rows)
    if links:
        conn.execute(insert(s.chain_links), links)
    return filed


def _index_article(conn: Connection, article_id: str, search: str) -> None:
    """SQLite's external-content FTS5 tables are fed by hand (PostgreSQL indexes the column);
    articles_fts is keyed by the article row's rowid."""
    if conn.dialect.name == "sqlite":
        rowid = conn.exec_driver_sql("SELECT rowid FROM articles WHERE id = ?", (article_id,)).scalar_one()
        conn.exec_driver_sql("INSERT INTO articles_fts (rowid, search) VALUES (?, ?)", (rowid, search))


def _index_statements(conn: Connection, rows: list[dict]) -> None:
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(
            "INSERT INTO statements_fts (rowid, search) VALUES (?, ?)", [(r["id"], r["search"]) for r in rows]
        )


def _record_failure(conn: Connection, failure: Failure) -> None:
    at = datetime.now(UTC).isoformat(timespec="seconds")
    updated = conn.execute(
        update(s.failures).where(s.failures.c.input == failure.input).values(reason=failure.reason, at=at)
    )
    if updated.rowcount == 0:
        conn.execute(insert(s.failures).values(input=failure.input, reason=failure.reason, at=at))


def _save_base(conn: Connection, ids: _Ids, base: EntityBase, pending: set[str]) -> None:
    # Changes taken from the base stay pending until the transaction storing them commits: a
    # retry stores them again, with the current entries (take_changes' own order: by kb_id).
    changed, next_id = base.take_changes()
    pending.update(e.kb_id for e in changed)
    changed = [e for e in map(base.get, sorted(pending)) if e is not None]
    position: dict[str, int] = {}  # an entry saved before keeps its place in the base's order
    for i in range(0, len(changed), 500):
        chunk = [e.kb_id for e in changed[i : i + 500]]
        c = s.base_entries.c
        position.update(conn.execute(select(c.kb_id, c.position).where(c.kb_id.in_(chunk))).all())
        conn.execute(s.base_entries.delete().where(c.kb_id.in_(chunk)))
    rows = []
    for e in changed:
        if e.kb_id not in position:
            position[e.kb_id], ids.base_position = ids.base_position, ids.base_position + 1
        rows.append(
            {
                "kb_id": e.kb_id,
                "type": e.type,
                "name": e.name,
                "name_latin": e.name_latin,
                "variants": json.dumps(list(e.variants), ensure_ascii=False),
                "context": json.dumps(list(e.context), ensure_ascii=False),
                "weight": e.weight,
                "position": position[e.kb_id],
            }
        )
    if rows:
        conn.execute(insert(s.base_entries), rows)
    _set_meta(conn, "base_next_id", str(next_id))


def _meta(conn: Connection, key: str) -> str | None:
    return conn.scalar(select(s.meta.c.value).where(s.meta.c.key == key))


def _set_meta(conn: Connection, key: str, value: str) -> None:
    updated = conn.execute(update(s.meta).where(s.meta.c.key == key).values(value=value))
    if updated.rowcount == 0:
        conn.execute(insert(s.meta).values(key=key, value=value))
