"""Stories and responses in the web app and the JSON API, on SQLite and PostgreSQL: the story
page (earliest report, the outlets on a timeline, the wording against the earliest, the
answers), the statement page's links to its story and its answers, and the API's stories,
responses and record formats."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from qawl.store import connect
from qawl.store import schema as s
from qawl.store.ingest import ingest
from qawl.web import create_app
from tests.conftest import fresh_store
from tests.store_data import SEED, seed
from tests.stories_data import PENCE, REJECTION, TWEET_OUTLETS, story_articles


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def client(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    with fresh_store(request.param, tmp_path_factory.mktemp("stories")) as target:
        engine = connect(target)
        ingest(engine, [*story_articles(), seed()])
        engine.dispose()
        with TestClient(create_app(target)) as c:
            c.store = target  # type: ignore[attr-defined]
            yield c


def row_id(client: TestClient, article: str, quote: str) -> int:
    engine = connect(client.store)  # type: ignore[attr-defined]
    with engine.connect() as conn:
        st = s.statements.c
        found = conn.scalar(select(st.id).where(st.article_id == article, st.local_id == quote))
    engine.dispose()
    assert found is not None
    return int(found)


def tweet_story(client: TestClient) -> dict:
    r = client.get("/api/stories")
    assert r.status_code == 200, r.text
    (item,) = r.json()["items"]
    r = client.get(f"/api/stories/{item['id']}")
    assert r.status_code == 200, r.text
    return r.json()


def test_the_api_lists_stories_carried_by_several_outlets(client: TestClient) -> None:
    (item,) = client.get("/api/stories").json()["items"]
    assert (item["outlets"], item["articles"], item["first_day"]) == (4, 4, "2018-04-11")
    assert client.get("/api/stories", params={"outlets": 5}).json()["items"] == []
    singles = client.get("/api/stories", params={"outlets": 1}).json()["items"]
    assert [x["id"] for x in singles] == [item["id"]]  # one outlet, but two articles or more: none here


def test_a_story_in_the_api(client: TestClient) -> None:
    story = tweet_story(client)
    assert set(story["outlets"]) == TWEET_OUTLETS and len(story["reports"]) == 4
    assert sorted(story["first"]) == sorted(r["statement_id"] for r in story["reports"])  # all the same day
    assert story["reports"][0]["relation"] == "first"
    assert all(r["quoted"] for r in story["reports"])
    assert all(r["wording"] for r in story["reports"][1:])
    days = [t["published"] for t in story["timeline"]]
    assert days == sorted(days)
    assert client.get("/api/stories/999999").status_code == 404
    assert client.get("/api/stories/0").status_code == 422


def test_answers_in_the_api(client: TestClient) -> None:
    pence = client.get(f"/api/statements/{row_id(client, PENCE, 'Q1')}").json()
    (answer,) = pence["responses"]
    assert answer["statement_id"] == row_id(client, REJECTION, "Q1") and answer["cue"].endswith("تصريحات")
    rejection = client.get(f"/api/statements/{answer['statement_id']}").json()
    assert rejection["responds_to"]["statement_id"] == pence["id"]
    assert rejection["responds_to"]["speaker_text"] == "مايك بنس"


def test_records_in_either_format(client: TestClient) -> None:
    two = client.get(f"/api/articles/{REJECTION}").json()
    assert two["format"] == "qawl/2"
    q1 = two["quotes"][0]
    assert q1["responds_to"]["statement"] == {"article": PENCE, "quote": "Q1"}
    assert q1["story"].startswith("S")
    one = client.get(f"/api/articles/{REJECTION}", params={"format": "qawl/1"}).json()
    assert (
        one["format"] == "qawl/1"
        and "responds_to" not in one["quotes"][0]
        and "story" not in one["quotes"][0]
    )
    assert client.get(f"/api/articles/{REJECTION}", params={"format": "qawl/3"}).status_code == 422


def test_the_story_page(client: TestClient) -> None:
    story = tweet_story(client)
    page = client.get("/stories")
    assert page.status_code == 200 and f'href="/stories/{story["id"]}"' in page.text
    html = client.get(f"/stories/{story['id']}").text
    for outlet in TWEET_OUTLETS:
        assert outlet in html
    assert html.count('<li class="report') == 4
    assert "<del>" in html and "<ins>" in html  # the wording against the earliest report
    assert html.count("/statements/") >= 8  # each report linked, from the timeline and the wording
    assert client.get("/stories/999999").status_code == 404


def test_statement_pages_link_to_their_story_and_answers(client: TestClient) -> None:
    story = tweet_story(client)
    first = story["reports"][0]["statement_id"]
    html = client.get(f"/statements/{first}").text
    assert f'href="/stories/{story["id"]}"' in html and "4 رواية" in html
    pence = client.get(f"/statements/{row_id(client, PENCE, 'Q1')}").text
    assert f'href="/statements/{row_id(client, REJECTION, "Q1")}"' in pence  # its answer
    decline = client.get(f"/statements/{row_id(client, SEED, 'Q1')}").text  # the seed's decline
    assert "التعليق على ما أدلى به" in decline
    assert f'href="/statements/{row_id(client, SEED, "Q3")}"' in decline  # Shoigu's statement


def test_docs_name_the_story_routes() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for route in ("/stories", "/stories/{id}", "/api/stories", "/api/stories/{id}"):
        assert f"`{route}`" in readme, route
