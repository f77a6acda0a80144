"""The JSON API over real HTTP (FastAPI's TestClient): search filters, one statement, its chain,
speakers, entities and articles, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from qawl.store import connect
from qawl.store.reader import records
from qawl.web import create_app
from tests.web_data import MIRROR, REPUBLISHED


@pytest.fixture(scope="module")
def client(web_store: str) -> Iterator[TestClient]:
    with TestClient(create_app(web_store)) as c:
        yield c


def items(client: TestClient, **params: str | int) -> list[dict]:
    r = client.get("/api/statements", params=params)
    assert r.status_code == 200, r.text
    return r.json()["items"]


def test_statements_unfiltered_come_newest_first(client: TestClient) -> None:
    hits = items(client, limit=100)
    assert len(hits) > 20
    days = [h["day"] for h in hits if h["day"]]
    assert days == sorted(days, reverse=True)


def test_limit_and_offset_page_through(client: TestClient) -> None:
    whole = [h["statement_id"] for h in items(client, limit=10)]
    assert [h["statement_id"] for h in items(client, limit=5)] + [
        h["statement_id"] for h in items(client, limit=5, offset=5)
    ] == whole
    assert client.get("/api/statements", params={"limit": 0}).status_code == 422
    assert client.get("/api/statements", params={"limit": 101}).status_code == 422


def test_each_filter_narrows_to_what_it_names(client: TestClient) -> None:
    direct = items(client, type="direct", limit=100)
    assert direct and {h["type"] for h in direct} == {"direct"}
    october = items(client, since="2018-10-01", until="2018-10-31", limit=100)
    assert october and all("2018-10-01" <= h["day"] <= "2018-10-31" for h in october)
    bbc, lebanon = items(client, outlet="bbc", limit=100), items(client, outlet="lebanon", limit=100)
    assert bbc and all("BBC" in h["outlet"] for h in bbc)
    assert lebanon and all("Lebanon" in h["outlet"] for h in lebanon)
    erdogan = items(client, speaker="أردوغان", limit=100)
    assert erdogan and {h["speaker_latin"] for h in erdogan} == {"Rajab Tib Erdogan"}
    words = items(client, q="القنصلية", limit=100)
    assert words and all("القنصلية" in h["text"] for h in words)


def test_outlet_filter_finds_the_republished_copy(client: TestClient) -> None:
    hits = items(client, outlet="mirror.example", limit=100)
    assert hits and {h["article_id"] for h in hits} == {REPUBLISHED}


def test_one_statement_with_its_chain_and_copies(client: TestClient, web_store: str) -> None:
    hit = items(client, q="القنصلية", speaker="أردوغان")[0]
    st = client.get(f"/api/statements/{hit['statement_id']}").json()
    assert st["text"] == hit["text"] and st["article_id"] == REPUBLISHED
    assert {c["outlet"] for c in st["copies"]} == {"BBC Arabic (bbc.co.uk/arabic)", MIRROR}
    roles = [link["role"] for link in st["links"]]
    assert roles[0] == "speaker" and roles[-1] == "outlet"
    assert client.get(f"/api/chains/{hit['statement_id']}").json()["links"] == st["links"]
    assert client.get("/api/statements/999999").status_code == 404


def test_chain_lists_intermediaries_between_speaker_and_outlet(client: TestClient) -> None:
    relayed = next(h for h in items(client, limit=100) if h["via"] and h["speaker"])
    links = client.get(f"/api/chains/{relayed['statement_id']}").json()["links"]
    assert [x["role"] for x in links] == ["speaker"] + ["via"] * (len(links) - 2) + ["outlet"]
    assert " ← ".join(x["text"] for x in links if x["role"] == "via") == relayed["via"]


def test_speakers_and_one_speaker(client: TestClient) -> None:
    speakers = client.get("/api/speakers", params={"limit": 5}).json()["items"]
    counts = [s["statements"] for s in speakers]
    assert counts == sorted(counts, reverse=True) and counts[0] > 1
    top = speakers[0]
    one = client.get(f"/api/speakers/{top['kb_id']}").json()
    assert one["name"] == top["name"] and len(one["timeline"]) == top["statements"]
    assert client.get("/api/speakers/no:such").status_code == 404


def test_entity_and_article_records(client: TestClient, web_store: str) -> None:
    record = next(records(connect(web_store), [REPUBLISHED]))
    assert client.get(f"/api/articles/{REPUBLISHED}").json() == record.to_json()
    st = client.get(f"/api/statements/{items(client, speaker='أردوغان')[0]['statement_id']}").json()
    entity = client.get(f"/api/entities/{st['speaker_entity_id']}").json()
    assert entity["kb_id"] == st["speaker_kb_id"] and entity["mentions"]
    assert client.get("/api/articles/no-such").status_code == 404


def test_openapi_describes_the_api_and_no_ingest_without_a_token(client: TestClient) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    assert "/api/statements" in paths and "/api/speakers/{kb_id}" in paths
    assert "/api/ingest" not in paths
    assert "/" not in paths  # the pages are not API
