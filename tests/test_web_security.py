"""What the web app must withstand: hostile article text, SQL metacharacters in every filter,
the ingest token, oversize bodies, and internal errors (which must not show their trace)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from qawl.store import connect
from qawl.store.ingest import ingest
from qawl.store.reader import counts
from qawl.web import create_app
from qawl.web.guard import MAX_BODY
from tests.store_data import dev_articles
from tests.web_data import HOSTILE, HOSTILE_ID, Marks

TOKEN = "correct horse battery staple"
METACHARACTERS = [
    "' OR '1'='1",
    '" OR ""="',
    "'; DROP TABLE statements; --",
    "%",
    "_",
    "\\",
    "*",
    'NEAR("a" "b")',
    ") OR 1=1 --",
    "\x00",
]


@pytest.fixture(scope="module")
def client(web_store: str) -> Iterator[TestClient]:
    with TestClient(create_app(web_store)) as c:
        yield c


def assert_inert(html: str) -> None:
    tags = Marks(html).tags
    assert not [t for t, _ in tags if t in ("script", "img", "iframe")]
    assert not [a for _, a in tags if any(name.startswith("on") for name in a)]
    assert "<script" not in html and "onerror=" not in html.replace("onerror=&#34;", "")


def test_hostile_article_renders_inert_on_every_page(client: TestClient) -> None:
    escaped = "&lt;script&gt;alert(&#34;qawl&#34;)&lt;/script&gt;&lt;img src=x onerror=&#34;alert(1)&#34;&gt;"
    article = client.get(f"/articles/{HOSTILE_ID}").text
    assert_inert(article)
    assert article.count(escaped) >= 3  # title, outlet and text
    hits = client.get("/api/statements", params={"outlet": "News", "limit": 100}).json()["items"]
    hostile = [h for h in hits if h["article_id"] == HOSTILE_ID]
    assert hostile
    for h in hostile:
        html = client.get(f"/statements/{h['statement_id']}").text
        assert_inert(html)
        assert escaped in html  # its paragraph (and outlet) shown, escaped
    search = client.get("/", params={"outlet": HOSTILE[:8]}).text
    assert_inert(search)
    assert "&lt;script&gt;" in search


def test_hostile_query_is_escaped_in_the_form(client: TestClient) -> None:
    html = client.get("/", params={"q": '"><script>alert(1)</script>', "speaker": HOSTILE}).text
    assert_inert(html)


@pytest.mark.parametrize("field", ["q", "speaker", "about", "outlet"])
def test_sql_metacharacters_in_text_filters_are_just_text(
    client: TestClient, web_store: str, field: str
) -> None:
    before = counts(connect(web_store))
    for value in METACHARACTERS:
        r = client.get("/api/statements", params={field: value})
        assert r.status_code == 200, (field, value, r.text)
        assert r.json()["items"] == [], (field, value)  # no name or word holds them
        assert client.get("/", params={field: value}).status_code == 200
    assert counts(connect(web_store)) == before


@pytest.mark.parametrize("field", ["type", "since", "until", "limit", "offset"])
def test_sql_metacharacters_in_checked_filters_are_refused(client: TestClient, field: str) -> None:
    for value in METACHARACTERS:
        assert client.get("/api/statements", params={field: value}).status_code == 422, value
        assert client.get("/", params={field: value}).status_code == 422, value


def test_sql_metacharacters_in_paths_are_not_found(client: TestClient) -> None:
    for value in METACHARACTERS[:4]:
        for url in (f"/api/speakers/{value}", f"/api/articles/{value}", f"/speakers/{value}"):
            assert client.get(url).status_code == 404, url


@pytest.fixture
def token_client(store_target: str) -> Iterator[TestClient]:
    with TestClient(create_app(store_target, token=TOKEN)) as c:
        yield c


def bodies(n: int) -> list[dict]:
    return [
        {"text": a.text, "id": a.id, "source": a.source, "published": a.published} for a in dev_articles(n)
    ]


def test_ingest_needs_the_token(token_client: TestClient) -> None:
    one = bodies(1)[0]
    assert token_client.post("/api/ingest", json=one).status_code == 401
    wrong = {"authorization": "Bearer " + TOKEN[:-1] + "X"}
    assert token_client.post("/api/ingest", json=one, headers=wrong).status_code == 403
    assert token_client.post("/api/ingest", json=one, headers={"authorization": TOKEN}).status_code == 401
    assert token_client.get("/api/statements").json()["items"] == []


def test_ingest_with_the_token_stores_one_or_a_batch(token_client: TestClient) -> None:
    auth = {"authorization": f"Bearer {TOKEN}"}
    one, two = bodies(2)
    r = token_client.post("/api/ingest", json=one, headers=auth)
    assert r.status_code == 200 and r.json()["articles"] == 1
    r = token_client.post("/api/ingest", json=[one, two], headers=auth)
    assert r.json()["articles"] == 1 and r.json()["skipped"] == 1  # the first was stored already
    assert token_client.get(f"/api/articles/{two['id']}").json()["text"] == two["text"]
    assert token_client.get("/api/statements").json()["items"]
    assert token_client.post("/api/ingest", json={"id": "x"}, headers=auth).status_code == 422
    assert "/api/ingest" in token_client.get("/api/openapi.json").json()["paths"]


def test_ingest_is_absent_without_a_token(client: TestClient) -> None:
    r = client.post("/api/ingest", json=bodies(1)[0], headers={"authorization": f"Bearer {TOKEN}"})
    assert r.status_code in (404, 405)


def test_oversize_bodies_are_refused(token_client: TestClient) -> None:
    auth = {"authorization": f"Bearer {TOKEN}", "content-type": "application/json"}
    big = b"[" + b" " * MAX_BODY + b"]"
    assert token_client.post("/api/ingest", content=big, headers=auth).status_code == 413

    def chunked() -> Iterator[bytes]:  # no content-length: counted as it arrives
        yield b"["
        for _ in range(MAX_BODY // 65536 + 1):
            yield b" " * 65536
        yield b"]"

    assert token_client.post("/api/ingest", content=chunked(), headers=auth).status_code == 413
    assert token_client.get("/api/statements").json()["items"] == []


def test_internal_errors_show_no_trace(tmp_path: Path) -> None:
    db = tmp_path / "broken.db"
    ingest(connect(db), dev_articles(1))
    app = create_app(str(db))
    with sqlite3.connect(db) as conn:  # a store damaged under the running app
        conn.execute("DROP TABLE chain_links")
    with TestClient(app, raise_server_exceptions=False) as client:
        for url in ("/api/statements", "/"):
            r = client.get(url)
            assert r.status_code == 500
            for leak in ("Traceback", "chain_links", "OperationalError", "sqlalchemy", ".py"):
                assert leak not in r.text, (url, leak)
        assert client.get("/api/statements").json() == {"detail": "internal error"}


def test_security_headers(client: TestClient) -> None:
    headers = client.get("/").headers
    assert "script-src 'none'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
