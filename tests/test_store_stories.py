"""Stories and responses in the store (qawl.store.stories, qawl.store.story), on SQLite and
PostgreSQL: one statement carried by four outlets is one story, an answer in a later article
is linked to the statement it answers, and neither depends on how ingest was cut into runs and
batches, nor on whether the store was filed by ingest or afterwards (a store of qawl/1)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from sqlalchemy import delete, update

from qawl.cli import main
from qawl.store import connect
from qawl.store import schema as s
from qawl.store.ingest import ingest
from qawl.store.pages import statement
from qawl.store.reader import records
from qawl.store.story import counts, stories, story
from tests.stories_data import PENCE, REJECTION, TWEET_OUTLETS, answers, groups, story_articles


def test_one_statement_carried_by_four_outlets_is_one_story(store_target: str) -> None:
    engine = connect(store_target)
    ingest(engine, story_articles())
    (tweet,) = stories(engine)
    assert (tweet.outlets, tweet.articles, tweet.first_day) == (4, 4, "2018-04-11")
    assert "ترامب" in (tweet.speaker or "")
    found = story(engine, tweet.id)
    assert found is not None
    assert set(found.outlets) == TWEET_OUTLETS
    assert {r.outlet for r in found.first} == TWEET_OUTLETS  # all four published it that day
    assert found.reports[0].relation == "first"
    assert {r.relation for r in found.reports[1:]} <= {"verbatim", "trimmed", "paraphrase"}
    assert all(r.quoted for r in found.reports)  # each quoted the tweet, in its own translation
    later = found.reports[1]
    assert any(p.change != "same" for p in later.wording)
    assert [t.published for t in found.timeline] == sorted(t.published for t in found.timeline)
    assert counts(engine)["stories_of_two_or_more_outlets"] == 1
    engine.dispose()


def test_an_answer_is_linked_to_the_statement_of_an_earlier_article(store_target: str) -> None:
    engine = connect(store_target)
    ingest(engine, story_articles())
    (rejection,) = [q for r in records(engine, [REJECTION]) for q in r.quotes if q.responds_to]
    r = rejection.responds_to
    assert r is not None and r.cue.text.endswith("تصريحات") and r.speaker.text == "مايك بنس"
    assert r.statement is not None and r.statement.article == PENCE
    (pence,) = [q for rec in records(engine, [PENCE]) for q in rec.quotes if q.id == r.statement.quote]
    assert "اللعب" in pence.text
    assert pence.story is not None
    answered = statement(engine, int(pence.story[1:]))
    assert answered is not None and [a.cue for a in answered.responses] == [r.cue.text]
    pence_story = story(engine, int(pence.story[1:]))
    assert pence_story is not None and [a.article_id for a in pence_story.responses] == [REJECTION]
    engine.dispose()


def test_stories_do_not_depend_on_runs_or_batches(store_target: str, tmp_path: Path) -> None:
    articles = story_articles()
    one = connect(store_target)
    ingest(one, articles)
    expected = (groups(one), answers(one))
    assert expected[0] and expected[1]
    one.dispose()
    for name, runs, batch in (("batches.db", [articles], 1), ("runs.db", [articles[:3], articles[3:]], 2)):
        other = connect(tmp_path / name)
        for run in runs:
            ingest(other, run, batch=batch)
        assert (groups(other), answers(other)) == expected, name
        other.dispose()


def test_a_store_filed_afterwards_gets_the_stories_ingest_gives(store_target: str) -> None:
    engine = connect(store_target)
    ingest(engine, story_articles())
    expected = (groups(engine), answers(engine))
    with engine.begin() as conn:  # as a store of qawl/1 holds its statements: in no story
        conn.execute(delete(s.responses))
        conn.execute(delete(s.statement_keys))
        conn.execute(update(s.statements).values(story_id=None, speaker_key=None, words=None))
    assert groups(engine) == set() and counts(engine)["statements_not_filed"] > 0
    result = CliRunner().invoke(main, ["stories", "--db", store_target])
    assert result.exit_code == 0, result.output
    assert "stories of two or more outlets: 1" in result.output
    assert (groups(engine), answers(engine)) == expected
    assert counts(engine)["statements_not_filed"] == 0
    engine.dispose()


def test_a_store_of_the_first_schema_is_migrated_and_filed(store_target: str) -> None:
    from alembic import command
    from sqlalchemy import inspect

    from qawl.store.database import _config, current

    engine = connect(store_target)
    ingest(engine, story_articles())
    expected = (groups(engine), answers(engine))
    config = _config()
    with engine.begin() as conn:  # back to 0001: the store an earlier qawl made
        config.attributes["connection"] = conn
        command.downgrade(config, "0001")
    assert current(engine) == "0001"
    assert "story_id" not in {c["name"] for c in inspect(engine).get_columns("statements")}
    assert "responses" not in inspect(engine).get_table_names()
    engine.dispose()

    engine = connect(store_target)  # migrated on open: its statements in no story yet
    assert current(engine) == "0002" and counts(engine)["statements_not_filed"] > 0
    ingest(engine, [])  # the next ingest files them first
    assert (groups(engine), answers(engine)) == expected
    engine.dispose()
