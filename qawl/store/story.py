"""Read-only queries behind the story pages and API (qawl/2): a statement as every article
and outlet carried it, in the order they published it, how each one worded it against the
earliest report, and the statements that answer it.

Dates are the articles' publication days (the inputs give no time of day): the earliest
report is every report of the earliest day.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sqlalchemy import Connection, Engine, func, select

from qawl.arabic.words import content_words
from qawl.store import schema as s
from qawl.store.pages import Answer, Copy, answers, copies_of, reported
from qawl.store.stories import unfiled
from qawl.stories.match import relation
from qawl.stories.wording import Piece, differences


@dataclass(slots=True)
class Report:
    """One statement of the story, as one article carried it (and the copies of that article)."""

    statement_id: int
    article_id: str
    local_id: str
    type: str  # direct / mixed: quoted; indirect: paraphrased
    text: str
    speaker: str | None
    outlet: str | None
    published: str | None
    url: str | None
    title: str | None
    relation: str = "first"  # first | verbatim | trimmed | paraphrase: against the earliest report
    wording: list[Piece] = field(default_factory=list)  # against the earliest report
    copies: list[Copy] = field(default_factory=list)  # every input that carried its article

    @property
    def quoted(self) -> bool:
        return self.type in ("direct", "mixed")


@dataclass(frozen=True, slots=True)
class Carried:
    """One outlet's publication of the story: a point on its timeline."""

    published: str | None
    outlet: str | None
    url: str | None
    statement_id: int
    quoted: bool
    republished: bool  # a copy of another outlet's article


@dataclass(slots=True)
class Story:
    id: int
    speaker: str | None
    speaker_kb_id: str | None
    reports: list[Report]  # by publication day, then as stored
    timeline: list[Carried]
    outlets: list[str]
    first_day: str | None
    first: list[Report]  # the reports of the earliest day
    responses: list[Answer]  # statements answering one of the story's
    answering: list[Answer]  # what the story's statements answer


@dataclass(frozen=True, slots=True)
class StorySummary:
    id: int
    speaker: str | None
    text: str  # the earliest report's words
    statements: int
    articles: int
    outlets: int
    first_day: str | None


def story(engine: Engine, story_id: int) -> Story | None:
    st, a, src, sp = s.statements, s.articles, s.sources, s.entities
    query = (
        reported(
            st.c.id,
            st.c.article_id,
            st.c.local_id,
            st.c.type,
            st.c.text,
            st.c.speaker_text,
            sp.c.name.label("speaker_name"),
            sp.c.kb_id,
            src.c.name.label("outlet"),
            a.c.published,
            a.c.url,
            a.c.title,
        )
        .where(st.c.story_id == story_id)
        .order_by(a.c.published.is_(None), a.c.published, st.c.id)
    )
    with engine.connect() as conn:
        rows = conn.execute(query).all()
        if not rows:
            return None
        reports = [
            Report(
                r.id,
                r.article_id,
                r.local_id,
                r.type,
                r.text,
                r.speaker_name or r.speaker_text,
                r.outlet,
                r.published,
                r.url,
                r.title,
            )
            for r in rows
        ]
        carried = copies_of(conn, sorted({r.article_id for r in reports}))
        ids = [r.statement_id for r in reports]
        responses = answers(conn, s.responses.c.answered_id.in_(ids))
        answering = answers(conn, s.responses.c.statement_id.in_(ids))
    for report in reports:
        report.copies = carried[report.article_id]
    first_day = min((c.published for cs in carried.values() for c in cs if c.published), default=None)
    first = [r for r in reports if any(c.published == first_day for c in r.copies)] or reports[:1]
    earliest = first[0]
    earliest_words = content_words(earliest.text)
    for report in reports:
        if report is earliest:
            continue
        report.relation = relation(earliest_words, content_words(report.text)) or "paraphrase"
        report.wording = differences(earliest.text, report.text)
    timeline = sorted(
        (
            Carried(c.published, c.outlet, c.url, r.statement_id, r.quoted, c.similarity < 1)
            for r in reports
            for c in r.copies
        ),
        key=lambda c: (c.published is None, c.published or "", c.outlet or ""),
    )
    outlets = list(dict.fromkeys(c.outlet for c in timeline if c.outlet))
    return Story(
        story_id,
        most_named([r.speaker for r in reports]),
        rows[0].kb_id,
        reports,
        timeline,
        outlets,
        first_day,
        first,
        [x for x in responses if x.statement_id not in ids],
        answering,
    )


def stories(engine: Engine, *, min_outlets: int = 2, limit: int = 50, offset: int = 0) -> list[StorySummary]:
    """Stories carried by at least ``min_outlets`` outlets (counting republications), those
    carried most widely first."""
    st, c = s.statements, s.copies
    outlets = func.count(func.distinct(c.c.source_id))
    query = (
        select(
            st.c.story_id,
            func.count(func.distinct(st.c.id)).label("statements"),
            func.count(func.distinct(st.c.article_id)).label("articles"),
            outlets.label("outlets"),
            func.min(c.c.published).label("first_day"),
        )
        .join(c, c.c.article_id == st.c.article_id)
        .where(st.c.story_id.is_not(None))
        .group_by(st.c.story_id)
        .having(outlets >= min_outlets, func.count(func.distinct(st.c.article_id)) >= 2)
        .order_by(outlets.desc(), func.count(func.distinct(st.c.id)).desc(), st.c.story_id)
        .limit(limit)
        .offset(offset)
    )
    with engine.connect() as conn:
        rows = conn.execute(query).all()
        heads = _heads(conn, [r.story_id for r in rows])
    return [
        StorySummary(
            r.story_id, *heads.get(r.story_id, (None, "")), r.statements, r.articles, r.outlets, r.first_day
        )
        for r in rows
    ]


def _heads(conn: Connection, story_ids: list[int]) -> dict[int, tuple[str | None, str]]:
    """Each story's speaker (as most of its reports name them) and its earliest report's words."""
    st, a, sp = s.statements, s.articles, s.entities
    query = (
        reported(st.c.story_id, st.c.text, st.c.speaker_text, sp.c.name)
        .where(st.c.story_id.in_(story_ids))
        .order_by(st.c.story_id, a.c.published.is_(None), a.c.published, st.c.id)
    )
    names: dict[int, list[str | None]] = defaultdict(list)
    earliest: dict[int, str] = {}
    for r in conn.execute(query):
        names[r.story_id].append(r.name or r.speaker_text)
        earliest.setdefault(r.story_id, r.text)
    return {x: (most_named(names[x]), text) for x, text in earliest.items()}


def most_named(names: list[str | None]) -> str | None:
    """The name most of a story's reports give its speaker (the first of them on a tie): the
    same person under one name, whichever spelling one article used."""
    counted = Counter(n for n in names if n)
    return max(counted, key=lambda n: (counted[n], -names.index(n))) if counted else None


def counts(engine: Engine) -> dict[str, int]:
    """Stories of two or more articles; of two or more outlets (those that published its
    articles, and with the outlets that republished them); answers found and linked."""
    st, c, rs = s.statements, s.copies, s.responses
    per_story = (
        select(
            st.c.story_id,
            func.count(func.distinct(st.c.article_id)).label("articles"),
            func.count(func.distinct(c.c.source_id)).label("outlets"),
        )
        .join(c, c.c.article_id == st.c.article_id)
        .where(st.c.story_id.is_not(None))
        .group_by(st.c.story_id)
        .subquery()
    )
    a = s.articles
    own_outlets = (
        select(st.c.story_id, func.count(func.distinct(a.c.source_id)).label("outlets"))
        .join(a, a.c.id == st.c.article_id)
        .where(st.c.story_id.is_not(None))
        .group_by(st.c.story_id)
        .subquery()
    )
    with engine.connect() as conn:
        articles = conn.scalar(select(func.count()).where(per_story.c.articles >= 2)) or 0
        outlets = (
            conn.scalar(select(func.count()).where(per_story.c.articles >= 2, per_story.c.outlets >= 2)) or 0
        )
        own = conn.scalar(select(func.count()).where(own_outlets.c.outlets >= 2)) or 0
        responses = conn.scalar(select(func.count()).select_from(rs)) or 0
        answered = conn.scalar(select(func.count()).where(rs.c.answered_id.is_not(None))) or 0
        not_filed = unfiled(conn)
    return {
        "stories_of_two_or_more_articles": int(articles),
        "stories_of_two_or_more_outlets": int(own),  # the outlets of its articles
        "stories_of_two_or_more_outlets_with_republications": int(outlets),
        "responses": int(responses),
        "responses_linked": int(answered),
        "statements_not_filed": not_filed,
    }
