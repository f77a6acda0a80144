"""Stories and responses across the store (qawl/2).

Each statement stored is filed under its speaker and the MinHash keys of its words
(qawl.stories.keys). The statements it shares a key with lead to their stories, and it joins
the story whose first statement (its anchor) it is another report of (qawl.stories.match):
compared with the anchor, not with any member, so that a story cannot drift from one
statement to the next by small steps (a speaker's week of statements on one subject is
several statements, not one). A statement that no story's anchor matches starts its own. A
statement
that answers another (qawl.quotes.responses) is linked to the statement answered: in its own
article, else the best-matching statement of that speaker in the 7 days before, among those
stored earlier.

Statements are linked in the order they were stored, each against those stored before it, so
the stories of a store do not depend on how its ingest was cut into runs or batches, and a
store of qawl/1 filed afterwards (``link_stored``) gets the stories an ingest by this qawl
would have given it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Connection, bindparam, func, insert, select, update

from qawl.record import Quote, Record
from qawl.store import schema as s
from qawl.stories import keys as k
from qawl.stories.match import claim_words, same_statement

CANDIDATES = 64  # statements a statement meets, at most: the latest sharing its keys
RANK = {"verbatim": 3, "trimmed": 2, "paraphrase": 1}  # the story a statement joins: its best match
ANSWER_DAYS = 7  # an answer is to a statement at most this many days older: a news cycle
ANSWER_SHARED = 3  # claim words an answer shares with a statement of another article it answers
ANSWER_SHARE = 0.3  # and the share of the fewer words of the two that they are
PAGE = 200  # articles linked a query at a time when filing a qawl/1 store
PARAMETERS = 5000  # values bound in one IN (…): within SQLite's and PostgreSQL's limits


@dataclass(frozen=True, slots=True)
class Filing:
    """What a statement's row keeps for stories, worked out once from its record: who said it
    across articles (qawl.stories.keys), its claim words (qawl.stories.match) and its day."""

    id: int  # its row
    speaker: str | None
    words: list[str]
    day: str | None

    @classmethod
    def of(cls, record: Record, quote: Quote, statement_id: int) -> Filing:
        entity = record.entity(quote.speaker.entity) if quote.speaker else None
        day = k.statement_day(quote.date.value if quote.date else None, record.published)
        return cls(statement_id, k.speaker_key(entity), claim_words(record, quote), day)


@dataclass(slots=True)
class Stored:
    """A record just stored, with how each of its statements was filed (Q… → Filing)."""

    record: Record
    filed: dict[str, Filing]


def link(conn: Connection, stored: Iterable[Stored]) -> None:
    """File the statements of records just stored (their rows written, with story_id their own
    id and their Filing) into stories, and link their answers. A batch is read and written in a
    few queries; each statement is still compared only with those stored before it."""
    stored = list(stored)
    fresh = [
        _Fresh.of(item.filed[q.id]) for item in stored for q in item.record.quotes if q.type != "decline"
    ]
    fresh = sorted((f for f in fresh if f.minima), key=lambda f: f.id)
    if fresh:
        _file(conn, fresh)
    for item in stored:
        for q in item.record.quotes:
            if q.responds_to is not None:
                _answer(conn, item, q)


@dataclass(slots=True)
class _Fresh:
    """A statement being filed: who said it, its words, its day and its MinHash minima."""

    id: int
    speaker: str
    words: list[str]
    day: str | None
    minima: list[int]

    @classmethod
    def of(cls, f: Filing) -> _Fresh:
        words = f.words if f.speaker else []
        return cls(f.id, f.speaker or "", words, f.day, k.sketch(words) if words else [])

    def keys(self, weeks: Iterable[int]) -> list[int]:
        return [key for w in weeks for key in k.keys(self.speaker, self.minima, w)]


def _latest(keys: Iterable[int], sharing: dict[int, set[int]]) -> list[int]:
    """The CANDIDATES latest statements filed under any of ``keys``."""
    return sorted({i for key in keys for i in sharing.get(key, ())}, reverse=True)[:CANDIDATES]


def _file(conn: Connection, fresh: list[_Fresh]) -> None:
    sk, st = s.statement_keys.c, s.statements.c
    looked_up = {f.id: f.keys(k.near_weeks(k.week(f.day))) for f in fresh}
    wanted = sorted({key for keys in looked_up.values() for key in keys})
    sharing: dict[int, set[int]] = defaultdict(set)  # key -> statements filed under it
    for chunk in _chunks(wanted):
        for key, statement_id in conn.execute(select(sk.key, sk.statement_id).where(sk.key.in_(chunk))):
            sharing[key].add(statement_id)
    # The stories of the statements stored before this batch that a fresh one may meet, and
    # what each story's first statement (its anchor) says.
    known = sorted({i for keys in looked_up.values() for i in _latest(keys, sharing)})
    story: dict[int, int] = {}  # statement -> its story
    for chunk in _chunks(known):
        story.update(conn.execute(select(st.id, st.story_id).where(st.id.in_(chunk))).all())
    anchors: dict[int, tuple[str, list[str], str | None]] = {}
    for chunk in _chunks(sorted(set(story.values()))):
        for row in conn.execute(select(st.id, st.speaker_key, st.words, st.day).where(st.id.in_(chunk))):
            anchors[row.id] = (row.speaker_key or "", (row.words or "").split(), row.day)
    rows, joined = [], []
    for f in fresh:
        best: tuple[tuple[int, int, int], int] | None = None
        for other in _latest(looked_up[f.id], sharing):
            anchor = story[other]
            speaker, words, day = anchors[anchor]
            how = same_statement(words, day, f.words, f.day) if speaker == f.speaker else None
            if how is None:
                continue
            rank = (RANK[how], len(set(words) & set(f.words)), anchor)
            if best is None or rank > best[0]:
                best = (rank, anchor)
        if best is None:  # a statement not reported before: the anchor of its own story
            story[f.id], anchors[f.id] = f.id, (f.speaker, f.words, f.day)
        else:
            story[f.id] = best[1]
            joined.append({"row": f.id, "story": best[1]})
        own = sorted(set(f.keys((k.week(f.day),))))
        for key in own:
            sharing[key].add(f.id)  # the batch's later statements meet it too
        rows += [{"key": key, "statement_id": f.id} for key in own]
    conn.execute(insert(s.statement_keys), rows)
    if joined:
        conn.execute(
            update(s.statements).where(st.id == bindparam("row")).values(story_id=bindparam("story")), joined
        )


def _chunks(values: list[int]) -> Iterator[list[int]]:
    for i in range(0, len(values), PARAMETERS):
        yield values[i : i + PARAMETERS]


def _answer(conn: Connection, item: Stored, q: Quote) -> None:
    r = q.responds_to
    assert r is not None
    filed = item.filed[q.id]
    key = k.speaker_key(item.record.entity(r.speaker.entity))
    answered = None
    if r.statement is not None and r.statement.article == item.record.id:
        answered = item.filed[r.statement.quote].id if r.statement.quote in item.filed else None
    elif key is not None:
        answered = _earlier(conn, key, min(f.id for f in item.filed.values()), filed)
    conn.execute(
        insert(s.responses).values(
            statement_id=filed.id,
            cue_start=r.cue.start,
            cue_end=r.cue.end,
            cue_text=r.cue.text,
            speaker_entity=r.speaker.entity,
            speaker_text=r.speaker.text,
            speaker_start=r.speaker.start,
            speaker_end=r.speaker.end,
            speaker_key=key,
            answered_id=answered,
        )
    )


def _earlier(conn: Connection, key: str, before: int, answer: Filing) -> int | None:
    """The statement of speaker ``key``, stored before row ``before`` in the ANSWER_DAYS
    before the answer, whose claim the answer repeats most: an answer names what it
    answers ("نفت روسيا مزاعم الحكومة البريطانية بأن موسكو وراء محاولة التسميم"), in claim
    words (names left out: they say whom it is about, which all that speaker's statements on
    the subject share). At least ANSWER_SHARED of them, and ANSWER_SHARE of the fewer."""
    about, day = set(answer.words), answer.day
    st = s.statements.c
    query = select(st.id, st.words, st.day).where(st.speaker_key == key, st.id < before, st.type != "decline")
    if day and len(day) == 10:
        first = (date.fromisoformat(day) - timedelta(days=ANSWER_DAYS)).isoformat()
        query = query.where(st.day >= first, st.day <= day)
    best: tuple[int, str, int] | None = None
    for row in conn.execute(query):
        words = set((row.words or "").split())
        shared = len(about & words)
        if shared < ANSWER_SHARED or shared < ANSWER_SHARE * min(len(about), len(words)):
            continue
        candidate = (shared, row.day or "", row.id)
        if best is None or candidate > best:
            best = candidate
    return best[2] if best else None


# --- a store of qawl/1 --------------------------------------------------------------------


def unfiled(conn: Connection) -> int:
    """Statements not yet filed into a story (stored by a qawl before stories)."""
    return int(conn.scalar(select(func.count()).where(s.statements.c.story_id.is_(None))) or 0)


def file_unfiled(conn: Connection) -> int:
    """File the statements no story holds yet (a store of an earlier qawl), if any."""
    if conn.scalar(select(s.statements.c.id).where(s.statements.c.story_id.is_(None)).limit(1)) is None:
        return 0
    return link_stored(conn)


def link_stored(conn: Connection, progress: Callable[[int], None] | None = None) -> int:
    """File every statement stored before stories existed, in the order stored; returns how
    many. Their records are read back and their answers found as analysis finds them."""
    from qawl.quotes.responses import find_responses
    from qawl.store.reader import read_records

    st, a = s.statements.c, s.articles.c
    article_ids = list(
        conn.scalars(
            select(a.id)
            .where(a.id.in_(select(st.article_id).where(st.story_id.is_(None))))
            .order_by(a.ingested)
        )
    )
    done = 0
    for i in range(0, len(article_ids), PAGE):
        page = article_ids[i : i + PAGE]
        ids: dict[str, dict[str, int]] = {aid: {} for aid in page}
        for row in conn.execute(select(st.id, st.article_id, st.local_id).where(st.article_id.in_(page))):
            ids[row.article_id][row.local_id] = row.id
        stored = []
        for record in read_records(conn, page):
            find_responses(record)
            stored.append(
                Stored(record, {q.id: Filing.of(record, q, ids[record.id][q.id]) for q in record.quotes})
            )
        rows = [
            {"row": f.id, "story": f.id, "key": f.speaker, "words": " ".join(f.words)}
            for item in stored
            for f in item.filed.values()
        ]
        if rows:
            conn.execute(
                update(s.statements)
                .where(st.id == bindparam("row"))
                .values(story_id=bindparam("story"), speaker_key=bindparam("key"), words=bindparam("words")),
                rows,
            )
        link(conn, stored)
        done += len(rows)
        if progress is not None:
            progress(len(rows))
    return done
