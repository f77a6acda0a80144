"""Articles for the story tests: passages of real ANT 2018 articles (tests/data/stories.jsonl).

Four outlets carry Trump's tweet of 11 April 2018 to Russia, each translating it in its own
words; on 22 May BBC reports Mike Pence's warning to Kim Jong Un, and on 24 May a North Korean
official's rejection of "the statements of Vice President Mike Pence"."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import Engine, select

from qawl.record import Article
from qawl.store import schema as s

DATA = Path(__file__).parent / "data" / "stories.jsonl"
TWEET_OUTLETS = {"BBC", "CNN", "france24", "skynews"}
PENCE = "ant2-BB-internationalNews-546-20180522"
REJECTION = "ant2-BB-internationalNews-557-20180524"


def story_articles() -> list[Article]:
    return [Article(**json.loads(line)) for line in DATA.read_text(encoding="utf-8").splitlines()]


def groups(engine: Engine) -> set[frozenset[tuple[str, str]]]:
    """The store's stories of two or more statements, each as its (article, Q…) pairs."""
    st = s.statements.c
    by_story: dict[int, set[tuple[str, str]]] = {}
    with engine.connect() as conn:
        for article_id, local_id, story_id in conn.execute(select(st.article_id, st.local_id, st.story_id)):
            if story_id is not None:
                by_story.setdefault(story_id, set()).add((article_id, local_id))
    return {frozenset(members) for members in by_story.values() if len(members) > 1}


def answers(engine: Engine) -> set[tuple[str, str, str, str | None, str | None]]:
    """Every response: (article, Q…, cue, article answered, Q… answered)."""
    st, rs = s.statements, s.responses
    answered = st.alias("answered")
    query = (
        select(st.c.article_id, st.c.local_id, rs.c.cue_text, answered.c.article_id, answered.c.local_id)
        .join(st, st.c.id == rs.c.statement_id)
        .outerjoin(answered, answered.c.id == rs.c.answered_id)
    )
    with engine.connect() as conn:
        return {tuple(row) for row in conn.execute(query)}  # type: ignore[misc]
