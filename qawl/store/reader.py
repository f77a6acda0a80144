"""Records back out of the store, exactly as they went in (``qawl export --format jsonl``),
and the counts a run is checked by."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator

from sqlalchemy import Connection, Engine, func, select

from qawl.record import (
    DateValue,
    Entity,
    Mention,
    Quote,
    Record,
    Response,
    Span,
    SpeakerRef,
    StatementRef,
    ViaRef,
)
from qawl.store import schema as s

PAGE = 200  # articles read a query at a time


def counts(engine: Engine) -> dict[str, int]:
    """Rows of each kind: what two runs over the same input must agree on."""
    tables = {
        "articles": s.articles,
        "copies": s.copies,
        "entities": s.entities,
        "mentions": s.mentions,
        "statements": s.statements,
        "chain_links": s.chain_links,
        "dates": s.dates,
        "failures": s.failures,
        "base_entries": s.base_entries,
        "responses": s.responses,
    }
    with engine.connect() as conn:
        return {
            name: int(conn.scalar(select(func.count()).select_from(t)) or 0) for name, t in tables.items()
        }


def records(engine: Engine, article_ids: list[str] | None = None) -> Iterator[Record]:
    """Stored records in ingest order (or those of ``article_ids``, in that order)."""
    with engine.connect() as conn:
        if article_ids is None:
            article_ids = list(conn.scalars(select(s.articles.c.id).order_by(s.articles.c.ingested)))
        for i in range(0, len(article_ids), PAGE):
            yield from read_records(conn, article_ids[i : i + PAGE])


def read_records(conn: Connection, ids: list[str]) -> Iterator[Record]:
    a, src = s.articles, s.sources
    rows = {
        r.id: r
        for r in conn.execute(
            select(a, src.c.name.label("source"))
            .outerjoin(src, src.c.id == a.c.source_id)
            .where(a.c.id.in_(ids))
        )
    }
    entities = _entities(conn, ids)
    quotes = _quotes(conn, ids)
    dates: dict[str, list[DateValue]] = defaultdict(list)
    for d in conn.execute(select(s.dates).where(s.dates.c.article_id.in_(ids)).order_by(s.dates.c.id)):
        dates[d.article_id].append(DateValue(d.text, d.value, d.start, d.end))
    for article_id in ids:
        r = rows.get(article_id)
        if r is None:
            continue
        yield Record(
            id=r.id,
            text=r.text,
            source=r.source,
            url=r.url,
            published=r.published,
            title=r.title,
            language=r.language,
            entities=entities[article_id],
            quotes=quotes[article_id],
            dates=dates[article_id],
            warnings=json.loads(r.warnings),
        )


def _entities(conn: Connection, ids: list[str]) -> dict[str, list[Entity]]:
    e, m = s.entities, s.mentions
    out: dict[str, list[Entity]] = defaultdict(list)
    by_row: dict[int, Entity] = {}
    for r in conn.execute(select(e).where(e.c.article_id.in_(ids)).order_by(e.c.id)):
        entity = Entity(r.local_id, r.type, r.name, [], r.name_latin, r.kb_id)
        by_row[r.id] = entity
        out[r.article_id].append(entity)
    if by_row:
        query = select(m).join(e, e.c.id == m.c.entity_id).where(e.c.article_id.in_(ids)).order_by(m.c.id)
        for r in conn.execute(query):
            by_row[r.entity_id].mentions.append(Mention(r.start, r.end, r.text, r.kind))
    return out


def _quotes(conn: Connection, ids: list[str]) -> dict[str, list[Quote]]:
    st, links = s.statements, s.chain_links
    out: dict[str, list[Quote]] = defaultdict(list)
    by_row: dict[int, Quote] = {}
    for r in conn.execute(select(st).where(st.c.article_id.in_(ids)).order_by(st.c.id)):
        cue = Span(r.cue_start, r.cue_end, r.cue_text) if r.cue_text is not None else None
        speaker = (
            SpeakerRef(r.speaker_entity, r.speaker_text, r.speaker_start, r.speaker_end)
            if r.speaker_text is not None
            else None
        )
        date = DateValue(r.date_text, r.date_value) if r.date_value is not None else None
        quote = Quote(r.local_id, r.type, r.text, r.start, r.end, cue, speaker, [], date, r.confidence)
        quote.story = f"S{r.story_id}" if r.story_id is not None else None
        by_row[r.id] = quote
        out[r.article_id].append(quote)
    if by_row:
        query = (
            select(links)
            .join(st, st.c.id == links.c.statement_id)
            .where(st.c.article_id.in_(ids))
            .order_by(links.c.statement_id, links.c.position)
        )
        for r in conn.execute(query):
            by_row[r.statement_id].via.append(ViaRef(r.entity, r.text))
        _responses(conn, ids, by_row)
    return out


def _responses(conn: Connection, ids: list[str], by_row: dict[int, Quote]) -> None:
    st, rs = s.statements, s.responses
    answered = st.alias("answered")
    query = (
        select(
            rs, answered.c.article_id.label("answered_article"), answered.c.local_id.label("answered_quote")
        )
        .join(st, st.c.id == rs.c.statement_id)
        .outerjoin(answered, answered.c.id == rs.c.answered_id)
        .where(st.c.article_id.in_(ids))
    )
    for r in conn.execute(query):
        statement = (
            StatementRef(r.answered_article, r.answered_quote) if r.answered_article is not None else None
        )
        by_row[r.statement_id].responds_to = Response(
            Span(r.cue_start, r.cue_end, r.cue_text),
            SpeakerRef(r.speaker_entity, r.speaker_text, r.speaker_start, r.speaker_end),
            statement,
        )
