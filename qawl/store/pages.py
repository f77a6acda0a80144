"""Read-only queries behind the web pages and the HTTP API (``qawl.web``): one statement with
its chain and the outlets that carried it, a speaker across articles, one entity.

A speaker is known across articles by its ``kb_id`` (the entity base's id); an entity row
without one is shown on its own.  Every value reaches the database as a bound parameter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine, Select, func, select

from qawl.store import schema as s


@dataclass(frozen=True, slots=True)
class Copy:
    outlet: str | None
    url: str | None
    published: str | None
    similarity: float


@dataclass(frozen=True, slots=True)
class Link:
    """One step of a statement's way to the reader: the speaker, an intermediary, the outlet."""

    role: str  # speaker | via | outlet
    text: str
    entity_id: int | None = None  # the entities row, for its page
    kb_id: str | None = None


@dataclass(slots=True)
class Statement:
    id: int
    article_id: str
    local_id: str
    type: str
    text: str
    start: int | None
    end: int | None
    cue: tuple[int, int, str] | None
    speaker_text: str | None
    speaker_span: tuple[int, int] | None
    speaker_entity_id: int | None  # the entities row
    speaker_kb_id: str | None
    speaker_name: str | None
    speaker_latin: str | None
    day: str | None
    date_text: str | None
    confidence: float
    outlet: str | None
    published: str | None
    title: str | None
    url: str | None
    article_text: str
    chain: list[tuple[int | None, str]] = field(default_factory=list)  # (entity row, text), speaker first
    copies: list[Copy] = field(default_factory=list)
    story_id: int | None = None  # qawl/2: its story (qawl.store.story)
    story_reports: int = 1  # statements in that story (this one included)
    responds_to: Answered | None = None  # qawl/2: what it answers
    responses: list[Answer] = field(default_factory=list)  # statements that answer it

    def links(self) -> list[Link]:
        """Speaker → intermediaries (nearest the speaker first) → outlet."""
        out = []
        if self.speaker_text is not None or self.speaker_name is not None:
            name = self.speaker_name or self.speaker_text or ""
            out.append(Link("speaker", name, self.speaker_entity_id, self.speaker_kb_id))
        out += [Link("via", text, entity_id) for entity_id, text in self.chain]
        if self.outlet:
            out.append(Link("outlet", self.outlet))
        return out


@dataclass(frozen=True, slots=True)
class Answered:
    """What a statement answers: the cue, whom as the text names them, and the statement
    answered when one was found."""

    cue: str
    speaker_text: str
    statement_id: int | None
    statement_text: str | None
    statement_speaker: str | None
    story_id: int | None


@dataclass(frozen=True, slots=True)
class Answer:
    """A statement that answers another: what a statement page and a story page list."""

    statement_id: int
    article_id: str
    type: str
    text: str
    speaker: str | None
    outlet: str | None
    published: str | None
    cue: str
    answers: int | None  # the statement answered
    answers_story: int | None


@dataclass(frozen=True, slots=True)
class SpeakerSummary:
    kb_id: str
    name: str
    name_latin: str | None
    type: str
    statements: int


@dataclass(frozen=True, slots=True)
class TimelineItem:
    statement_id: int
    article_id: str
    day: str | None
    outlet: str | None
    type: str
    text: str


@dataclass(slots=True)
class Speaker:
    kb_id: str
    name: str
    name_latin: str | None
    type: str
    timeline: list[TimelineItem]
    through: list[tuple[str, int]]  # intermediaries' names and how many statements each carried


@dataclass(slots=True)
class EntityPage:
    id: int
    article_id: str
    local_id: str
    type: str
    name: str
    name_latin: str | None
    kb_id: str | None
    mentions: list[tuple[int, int, str, str]]  # start, end, text, kind
    spoke: list[TimelineItem]  # statements it made in this article
    articles: list[str]  # other articles naming the same kb_id


def _timeline_query(limit: int) -> Select:
    st, a, src = s.statements, s.articles, s.sources
    return (
        select(st.c.id, st.c.article_id, st.c.day, src.c.name, st.c.type, st.c.text)
        .join(a, a.c.id == st.c.article_id)
        .outerjoin(src, src.c.id == a.c.source_id)
        .order_by(st.c.day.desc(), st.c.id.desc())
        .limit(limit)
    )


def statement(engine: Engine, statement_id: int) -> Statement | None:
    st, a, src, sp = s.statements, s.articles, s.sources, s.entities
    q = (
        select(st, a.c.published, a.c.title, a.c.url, a.c.text.label("article_text"))
        .add_columns(
            src.c.name.label("outlet"),
            sp.c.kb_id.label("sp_kb_id"),
            sp.c.name.label("sp_name"),
            sp.c.name_latin.label("sp_latin"),
        )
        .join(a, a.c.id == st.c.article_id)
        .outerjoin(src, src.c.id == a.c.source_id)
        .outerjoin(sp, sp.c.id == st.c.speaker_id)
        .where(st.c.id == statement_id)
    )
    with engine.connect() as conn:
        r = conn.execute(q).first()
        if r is None:
            return None
        out = Statement(
            id=r.id,
            article_id=r.article_id,
            local_id=r.local_id,
            type=r.type,
            text=r.text,
            start=r.start,
            end=r.end,
            cue=(r.cue_start, r.cue_end, r.cue_text) if r.cue_text is not None else None,
            speaker_text=r.speaker_text,
            speaker_span=(r.speaker_start, r.speaker_end) if r.speaker_start is not None else None,
            speaker_entity_id=r.speaker_id,
            speaker_kb_id=r.sp_kb_id,
            speaker_name=r.sp_name,
            speaker_latin=r.sp_latin,
            day=r.day,
            date_text=r.date_text,
            confidence=r.confidence,
            outlet=r.outlet,
            published=r.published,
            title=r.title,
            url=r.url,
            article_text=r.article_text,
        )
        links = s.chain_links
        out.chain = [
            (e, t)
            for e, t in conn.execute(
                select(links.c.entity_id, links.c.text)
                .where(links.c.statement_id == statement_id)
                .order_by(links.c.position)
            )
        ]
        out.copies = copies(conn, r.article_id)
        out.story_id = r.story_id
        if r.story_id is not None:
            out.story_reports = int(conn.scalar(select(func.count()).where(st.c.story_id == r.story_id)) or 0)
        out.responds_to = _answered(conn, statement_id)
        out.responses = answers(conn, s.responses.c.answered_id == statement_id)
    return out


def _answered(conn: Connection, statement_id: int) -> Answered | None:
    rs, st, sp = s.responses, s.statements, s.entities
    row = conn.execute(
        select(
            rs.c.cue_text, rs.c.speaker_text, st.c.id, st.c.text, st.c.speaker_text, sp.c.name, st.c.story_id
        )
        .outerjoin(st, st.c.id == rs.c.answered_id)
        .outerjoin(sp, sp.c.id == st.c.speaker_id)
        .where(rs.c.statement_id == statement_id)
    ).first()
    if row is None:
        return None
    return Answered(row[0], row[1], row[2], row[3], row[5] or row[4], row[6])


def reported(*columns: Any) -> Select:
    """A select of ``columns`` of statements, with each one's article, outlet and speaker
    (the entity) joined for its columns to name."""
    st, a, src, sp = s.statements, s.articles, s.sources, s.entities
    return (
        select(*columns)
        .select_from(st)
        .join(a, a.c.id == st.c.article_id)
        .outerjoin(src, src.c.id == a.c.source_id)
        .outerjoin(sp, sp.c.id == st.c.speaker_id)
    )


def answers(conn: Connection, where: Any) -> list[Answer]:
    """The responses ``where`` selects (a condition on the responses table), by day."""
    st, a, src, rs, sp = s.statements, s.articles, s.sources, s.responses, s.entities
    answered = st.alias("answered")
    query = (
        reported(
            st.c.id,
            st.c.article_id,
            st.c.type,
            st.c.text,
            st.c.speaker_text,
            sp.c.name.label("speaker_name"),
            src.c.name.label("outlet"),
            a.c.published,
            rs.c.cue_text,
            rs.c.answered_id,
            answered.c.story_id.label("answers_story"),
        )
        .join(rs, rs.c.statement_id == st.c.id)
        .outerjoin(answered, answered.c.id == rs.c.answered_id)
        .where(where)
        .order_by(a.c.published, st.c.id)
    )
    return [
        Answer(
            r.id,
            r.article_id,
            r.type,
            r.text,
            r.speaker_name or r.speaker_text,
            r.outlet,
            r.published,
            r.cue_text,
            r.answered_id,
            r.answers_story,
        )
        for r in conn.execute(query)
    ]


def copies(conn: Connection, article_id: str) -> list[Copy]:
    """Every input that carried the article, the article itself first."""
    return copies_of(conn, [article_id])[article_id]


def copies_of(conn: Connection, article_ids: list[str]) -> dict[str, list[Copy]]:
    """Every input that carried each article, the article itself first (one query for all)."""
    c, src = s.copies, s.sources
    q = (
        select(c.c.article_id, src.c.name, c.c.url, c.c.published, c.c.similarity)
        .outerjoin(src, src.c.id == c.c.source_id)
        .where(c.c.article_id.in_(article_ids))
        .order_by(c.c.similarity.desc(), c.c.published, c.c.input_id)
    )
    out: dict[str, list[Copy]] = {article_id: [] for article_id in article_ids}
    for article_id, *row in conn.execute(q):
        out[article_id].append(Copy(*row))
    return out


def article_statement_ids(engine: Engine, article_id: str) -> dict[str, int]:
    """The article's statements: the record's Q… id → the row id its page is found by."""
    st = s.statements
    with engine.connect() as conn:
        rows = conn.execute(select(st.c.local_id, st.c.id).where(st.c.article_id == article_id))
        return {local: row for local, row in rows}


def speakers(engine: Engine, *, limit: int = 50, offset: int = 0) -> list[SpeakerSummary]:
    """Speakers known to the entity base, those with most statements first."""
    st, e = s.statements, s.entities
    n = func.count(st.c.id)
    q = (
        select(e.c.kb_id, func.min(e.c.name), func.min(e.c.name_latin), func.min(e.c.type), n)
        .join(e, e.c.id == st.c.speaker_id)
        .where(e.c.kb_id.is_not(None))
        .group_by(e.c.kb_id)
        .order_by(n.desc(), e.c.kb_id)
        .limit(limit)
        .offset(offset)
    )
    with engine.connect() as conn:
        rows = list(conn.execute(q))
        base = _base(conn, [r[0] for r in rows])
    out = []
    for kb_id, name, latin, kind, count in rows:
        entry = base.get(kb_id)
        if entry is not None:
            name, latin, kind = entry
        out.append(SpeakerSummary(kb_id, name, latin, kind, count))
    return out


def _base(conn: Connection, kb_ids: list[str]) -> dict[str, tuple[str, str | None, str]]:
    b = s.base_entries
    if not kb_ids:
        return {}
    q = select(b.c.kb_id, b.c.name, b.c.name_latin, b.c.type).where(b.c.kb_id.in_(kb_ids))
    return {k: (n, latin, t) for k, n, latin, t in conn.execute(q)}


def speaker(engine: Engine, kb_id: str, *, limit: int = 200) -> Speaker | None:
    """A speaker's statements (newest first) and the intermediaries they were reported through."""
    st, e, links = s.statements, s.entities, s.chain_links
    with engine.connect() as conn:
        entry = _base(conn, [kb_id]).get(kb_id)
        if entry is None:
            first = conn.execute(
                select(e.c.name, e.c.name_latin, e.c.type).where(e.c.kb_id == kb_id).limit(1)
            ).first()
            if first is None:
                return None
            entry = (first[0], first[1], first[2])
        spoke = select(e.c.id).where(e.c.kb_id == kb_id)
        timeline = [
            TimelineItem(*row)
            for row in conn.execute(_timeline_query(limit).where(st.c.speaker_id.in_(spoke)))
        ]
        n = func.count(links.c.statement_id)
        through = conn.execute(
            select(links.c.text, n)
            .join(st, st.c.id == links.c.statement_id)
            .where(st.c.speaker_id.in_(spoke))
            .group_by(links.c.text)
            .order_by(n.desc(), links.c.text)
            .limit(50)
        )
        return Speaker(kb_id, entry[0], entry[1], entry[2], timeline, [(t, c) for t, c in through])


def entity(engine: Engine, entity_id: int, *, limit: int = 200) -> EntityPage | None:
    """One entity of one article: its mentions, what it said there, other articles naming it."""
    e, m, st = s.entities, s.mentions, s.statements
    with engine.connect() as conn:
        r = conn.execute(select(e).where(e.c.id == entity_id)).first()
        if r is None:
            return None
        mentions = [
            (row.start, row.end, row.text, row.kind)
            for row in conn.execute(select(m).where(m.c.entity_id == entity_id).order_by(m.c.start))
        ]
        spoke = [
            TimelineItem(*row)
            for row in conn.execute(_timeline_query(limit).where(st.c.speaker_id == entity_id))
        ]
        others: list[str] = []
        if r.kb_id is not None:
            others = list(
                conn.scalars(
                    select(e.c.article_id)
                    .where(e.c.kb_id == r.kb_id, e.c.article_id != r.article_id)
                    .order_by(e.c.article_id)
                    .limit(limit)
                )
            )
        return EntityPage(
            r.id, r.article_id, r.local_id, r.type, r.name, r.name_latin, r.kb_id, mentions, spoke, others
        )


def entity_rows(engine: Engine, article_id: str) -> dict[str, int]:
    """The article's entities: the record's E… id → the row id its page is found by."""
    e = s.entities
    with engine.connect() as conn:
        return dict(conn.execute(select(e.c.local_id, e.c.id).where(e.c.article_id == article_id)).all())
