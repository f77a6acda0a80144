"""Searching the store: statements (or articles) by their words, with filters on who spoke,
whom they spoke about, the outlet, the type and the day.

Words are matched as the index holds them (``search_text``: folded, without clitics), all of
them (AND); SQLite answers from its FTS5 tables, PostgreSQL from a GIN index over
``to_tsvector('simple', search)``.  Filters are bound parameters, never pasted into SQL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Engine, and_, exists, func, literal_column, or_, select, text, true
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.selectable import ScalarSelect

from qawl.record import VIA_SEPARATOR, without_nul
from qawl.store import schema as s
from qawl.store.search_text import search_words

DEFAULT_LIMIT = 20


DAY = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True, slots=True)
class Filters:
    speaker: str | None = None  # a name (any of its words, in any spelling the index folds) or a kb_id
    about: str | None = None  # an entity named inside the statement's content
    outlet: str | None = None
    type: str | None = None  # direct | indirect | mixed | decline
    since: str | None = None  # YYYY-MM-DD, inclusive: the statement's day, else its article's
    until: str | None = None

    def __post_init__(self) -> None:
        for name in ("speaker", "about", "outlet", "type"):
            value = getattr(self, name)
            if value is not None:  # no stored text holds a NUL (see Article)
                object.__setattr__(self, name, without_nul(value))
        for name in ("since", "until"):
            value = getattr(self, name)
            if value is not None and not DAY.match(value):
                raise ValueError(f"{name} must be a day (YYYY-MM-DD), a month or a year, not {value!r}")


@dataclass(frozen=True, slots=True)
class Hit:
    statement_id: int
    article_id: str
    published: str | None
    day: str | None
    outlet: str | None
    speaker: str | None
    speaker_latin: str | None
    type: str
    text: str
    via: str  # names, nearest the speaker first, joined by " ← "


@dataclass(frozen=True, slots=True)
class ArticleHit:
    article_id: str
    published: str | None
    outlet: str | None
    title: str | None
    url: str | None


def search_statements(
    engine: Engine,
    query: str = "",
    filters: Filters = Filters(),
    *,
    limit: int = DEFAULT_LIMIT,
    offset: int = 0,
) -> list[Hit]:
    """Statements whose content holds every word of ``query`` (all statements when it is
    empty) and that pass the filters, newest day first."""
    st, a, src, sp = s.statements, s.articles, s.sources, s.entities.alias("speaker")
    words = search_words(query)
    if query.strip() and not words:
        return []  # only punctuation: nothing to look for
    via = chain_text(engine)
    q = (
        select(
            st.c.id,
            st.c.article_id,
            a.c.published,
            st.c.day,
            src.c.name.label("outlet"),
            sp.c.name.label("speaker"),
            sp.c.name_latin.label("speaker_latin"),
            st.c.type,
            st.c.text,
            via.label("via"),
        )
        .join(a, a.c.id == st.c.article_id)
        .outerjoin(src, src.c.id == a.c.source_id)
        .outerjoin(sp, sp.c.id == st.c.speaker_id)
    )
    conditions = _statement_filters(filters, sp)
    if words:
        conditions.append(_matches(engine, "statements", st.c.id, st.c.search, words))
    q = q.where(and_(true(), *conditions)).order_by(st.c.day.desc(), st.c.id.desc())
    q = q.limit(limit).offset(offset)
    with engine.connect() as conn:
        return [Hit(*row[:9], row[9] or "") for row in conn.execute(q)]


def chain_text(engine: Engine) -> ScalarSelect:
    """A statement's chain as one string, nearest the speaker first (for each row of
    ``statements``): GROUP_CONCAT in SQLite, STRING_AGG in PostgreSQL."""
    links = s.chain_links
    if engine.dialect.name == "sqlite":
        joined = func.group_concat(links.c.text, VIA_SEPARATOR)
    else:
        joined = func.string_agg(links.c.text, literal_column(f"'{VIA_SEPARATOR}'"))
    return select(joined).where(links.c.statement_id == s.statements.c.id).scalar_subquery()


def search_articles(
    engine: Engine, query: str, *, limit: int = DEFAULT_LIMIT, offset: int = 0
) -> list[ArticleHit]:
    """Articles whose text holds every word of ``query``, newest first."""
    a, src = s.articles, s.sources
    words = search_words(query)
    if not words:
        return []
    rowid = literal_column("articles.rowid") if engine.dialect.name == "sqlite" else a.c.id
    q = (
        select(a.c.id, a.c.published, src.c.name, a.c.title, a.c.url)
        .outerjoin(src, src.c.id == a.c.source_id)
        .where(_matches(engine, "articles", rowid, a.c.search, words))
        .order_by(a.c.published.desc(), a.c.id)
        .limit(limit)
        .offset(offset)
    )
    with engine.connect() as conn:
        return [ArticleHit(*row) for row in conn.execute(q)]


def _matches(
    engine: Engine, table: str, key: ColumnElement, column: ColumnElement, words: list[str]
) -> ColumnElement:
    if engine.dialect.name == "sqlite":
        # Each word a quoted FTS5 string: no query syntax of the user's reaches the engine.
        phrase = " ".join('"' + w.replace('"', '""') + '"' for w in words)
        fts = text(f"SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH :phrase").bindparams(phrase=phrase)
        return key.in_(fts)
    tsquery = func.plainto_tsquery("simple", " ".join(words))
    return func.to_tsvector("simple", column).op("@@")(tsquery)


def _statement_filters(f: Filters, sp) -> list[ColumnElement]:  # type: ignore[no-untyped-def]
    st = s.statements
    out: list[ColumnElement] = []
    if f.speaker:
        out.append(_names(sp, f.speaker))
    if f.about:
        e, m = s.entities.alias("about"), s.mentions
        out.append(
            exists(
                select(1)
                .select_from(m.join(e, e.c.id == m.c.entity_id))
                .where(
                    e.c.article_id == st.c.article_id,
                    m.c.start >= st.c.start,
                    m.c.end <= st.c.end,
                    _names(e, f.about),
                )
            )
        )
    if f.outlet:
        src = s.sources
        outlets = select(src.c.id).where(func.lower(src.c.name).contains(f.outlet.lower(), autoescape=True))
        out.append(
            or_(
                s.articles.c.source_id.in_(outlets),
                exists(
                    select(1).where(
                        s.copies.c.article_id == st.c.article_id, s.copies.c.source_id.in_(outlets)
                    )
                ),
            )
        )
    if f.type:
        out.append(st.c.type == f.type)
    if f.since:
        out.append(st.c.day >= f.since)
    if f.until:
        out.append(st.c.day <= f.until)
    return out


def _names(entity, name: str) -> ColumnElement:  # type: ignore[no-untyped-def]
    """An entity named ``name``: its kb_id, or every word of it in its name or Latin name."""
    words = search_words(name)
    by_words = and_(*(entity.c.search.contains(f" {w} ", autoescape=True) for w in words)) if words else None
    by_id = entity.c.kb_id == name
    return or_(by_id, by_words) if by_words is not None else by_id
