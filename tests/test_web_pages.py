"""The HTML pages over real HTTP: right to left, Arabic, nothing loaded from elsewhere, and the
highlights at the offsets the record gives."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from qawl.store import connect
from qawl.store.reader import records
from qawl.web import create_app
from tests.web_data import MIRROR, REPUBLISHED, Marks


@pytest.fixture(scope="module")
def client(web_store: str) -> Iterator[TestClient]:
    with TestClient(create_app(web_store)) as c:
        yield c


def page(client: TestClient, url: str, **params: str) -> str:
    r = client.get(url, params=params)
    assert r.status_code == 200, url
    assert r.headers["content-type"].startswith("text/html")
    html = r.text
    assert '<html dir="rtl" lang="ar">' in html
    for tag, attrs in Marks(html).tags:
        for name in ("src", "href", "action"):
            value = attrs.get(name) or ""
            assert not value.startswith(("http:", "https:", "//")) or tag == "a", (tag, value)
        assert not (tag == "link" and not (attrs.get("href") or "").startswith("/static/"))
    return html


def erdogan(client: TestClient) -> dict:
    params = {"q": "القنصلية", "speaker": "أردوغان"}
    return client.get("/api/statements", params=params).json()["items"][0]


def test_search_page_lists_speaker_outlet_date_and_statement(client: TestClient) -> None:
    hit = erdogan(client)
    html = page(client, "/", q="القنصلية", speaker="أردوغان")
    assert f'href="/statements/{hit["statement_id"]}"' in html
    for value in (hit["speaker"], hit["outlet"], hit["day"], hit["text"]):
        assert value in html
    assert 'value="القنصلية"' in html  # the form keeps what was asked
    assert "لا نتائج" in page(client, "/", q="كلمةغيرموجودةأبدا")


def test_statement_page_marks_content_cue_and_speaker_at_their_offsets(
    client: TestClient, web_store: str
) -> None:
    hit = erdogan(client)
    st = client.get(f"/api/statements/{hit['statement_id']}").json()
    text = next(records(connect(web_store), [st["article_id"]])).text
    html = page(client, f"/statements/{hit['statement_id']}")
    marks = Marks(html).marks
    kinds = {next(iter(c)): (s, e) for c, s, e, _ in marks}
    assert kinds["content"] == (st["start"], st["end"])
    assert kinds["cue"] == tuple(st["cue"][:2])
    assert kinds["speaker"] == tuple(st["speaker_span"])
    for _, start, end, shown in marks:
        assert shown == text[start:end]


def test_statement_page_draws_the_chain_and_the_outlets_that_carried_it(client: TestClient) -> None:
    hit = erdogan(client)
    html = page(client, f"/statements/{hit['statement_id']}")
    chain = html[html.index('<ol class="chain"') : html.index("</ol>", html.index('<ol class="chain"'))]
    assert chain.index("link-speaker") < chain.index("link-outlet")
    assert hit["speaker"] in chain and hit["outlet"] in chain
    copies = html[html.index('<ul class="copies">') :]
    assert MIRROR in copies and "BBC Arabic" in copies


def test_chain_with_intermediaries_in_order(client: TestClient) -> None:
    hits = client.get("/api/statements", params={"limit": 100}).json()["items"]
    relayed = next(h for h in hits if h["via"] and h["speaker"])
    html = page(client, f"/statements/{relayed['statement_id']}")
    roles = [a["class"] for t, a in Marks(html).tags if t == "li" and "link" in (a.get("class") or "")]
    assert roles[0] == "link link-speaker" and roles[-1] == "link link-outlet"
    assert set(roles[1:-1]) == {"link link-via"}


def test_speaker_page_has_latin_name_timeline_and_intermediaries(client: TestClient) -> None:
    st = client.get(f"/api/statements/{erdogan(client)['statement_id']}").json()
    speaker = client.get(f"/api/speakers/{st['speaker_kb_id']}").json()
    html = page(client, f"/speakers/{st['speaker_kb_id']}")
    assert speaker["name"] in html and "Rajab Tib Erdogan" in html
    assert html.count('class="statement-text"') == len(speaker["timeline"])
    for name, _ in speaker["through"]:
        assert name in html
    listing = page(client, "/speakers")
    assert f'href="/speakers/{st["speaker_kb_id"].replace(":", "%3A")}"' in listing


def test_entity_page(client: TestClient) -> None:
    st = client.get(f"/api/statements/{erdogan(client)['statement_id']}").json()
    html = page(client, f"/entities/{st['speaker_entity_id']}")
    assert st["speaker_name"] in html and "Rajab Tib Erdogan" in html
    assert f'href="/articles/{REPUBLISHED}"' in html


def test_article_page_marks_every_statement(client: TestClient, web_store: str) -> None:
    record = next(records(connect(web_store), [REPUBLISHED]))
    html = page(client, f"/articles/{REPUBLISHED}")
    marks = Marks(html).marks
    for _, start, end, shown in marks:
        assert shown == record.text[start:end]
    starts = {start for classes, start, _, _ in marks if "content" in classes}
    assert {q.start for q in record.quotes if q.start is not None} <= starts
    links = {a.get("href") for t, a in Marks(html).tags if t == "a" and "data-start" in a}
    assert len(links) == len(record.quotes)


def test_missing_pages_are_404_pages(client: TestClient) -> None:
    for url in ("/statements/999999", "/speakers/no:such", "/entities/999999", "/articles/none", "/nope"):
        r = client.get(url)
        assert r.status_code == 404 and '<html dir="rtl" lang="ar">' in r.text


def test_static_files_are_served_locally(client: TestClient) -> None:
    css = client.get("/static/qawl.css")
    assert css.status_code == 200 and "Noto Naskh Arabic" in css.text
    font = client.get("/static/fonts/noto-naskh-arabic-arabic-400-normal.woff2")
    assert font.status_code == 200 and font.content[:4] == b"wOF2"
