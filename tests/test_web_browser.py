"""The pages in a real browser: Debian's chromium driven by Playwright (nothing downloaded),
against ``qawl serve`` on loopback over a store of dev articles.  Search, open a statement,
check its highlight and its chain, open the speaker's page; screenshots are kept in
$QAWL_ARTIFACTS (tests/artifacts by default)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.web_data import HOSTILE_ID, filled_store
from tests.web_server import served

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(os.environ.get("QAWL_ARTIFACTS") or Path(__file__).parent / "artifacts") / "web"

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)"
)


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with filled_store("sqlite", tmp_path_factory.mktemp("browser")) as db, served(db) as url:
        yield url


@pytest.fixture(scope="module")
def page(base_url: str) -> Iterator:  # type: ignore[type-arg]
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ar")
        page = context.new_page()
        page.set_default_timeout(15_000)
        elsewhere: list[str] = []
        page.on("request", lambda r: None if r.url.startswith(base_url) else elsewhere.append(r.url))
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.elsewhere, page.dialogs = elsewhere, dialogs  # type: ignore[attr-defined]
        yield page
        browser.close()


def test_search_statement_chain_and_speaker(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(base_url + "/")
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    page.fill("input[name=q]", "القنصلية")
    page.fill("input[name=speaker]", "أردوغان")
    page.click("form.search button[type=submit]")
    page.wait_for_url("**/?q=*")
    first = page.locator("tr.hit a.statement-text").first
    statement = first.inner_text()
    page.screenshot(path=ARTIFACTS / "search.png", full_page=True)
    first.click()
    page.wait_for_url("**/statements/*")

    # The highlight: the content mark holds the statement's words, the cue and the speaker marked too.
    content = page.locator(".paragraph mark.content")
    assert content.count() >= 1 and content.first.inner_text() == statement
    assert page.locator(".paragraph mark.cue").count() == 1
    assert page.locator(".paragraph mark.speaker").inner_text() in page.locator("h1").inner_text()
    shade = content.first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert shade not in ("rgba(0, 0, 0, 0)", "transparent")
    # The chain: speaker first, outlet last, drawn in a row.
    roles = page.locator("ol.chain > li").evaluate_all("xs => xs.map(x => x.className)")
    assert roles[0].endswith("link-speaker") and roles[-1].endswith("link-outlet")
    boxes = [b["x"] for b in (li.bounding_box() for li in page.locator("ol.chain > li").all()) if b]
    assert boxes == sorted(boxes, reverse=True)  # right to left: the speaker rightmost
    assert page.locator("ul.copies li").count() == 2  # the BBC article and its republication
    assert page.evaluate("document.fonts.check('20px \"Noto Naskh Arabic\"', 'قال')")
    page.screenshot(path=ARTIFACTS / "statement.png", full_page=True)

    page.click("h1 a.speaker-link")
    page.wait_for_url("**/speakers/*")
    assert "Rajab Tib Erdogan" in page.locator("h1").inner_text()
    assert page.locator("ol.timeline li").count() > 1
    page.screenshot(path=ARTIFACTS / "speaker.png", full_page=True)
    assert page.elsewhere == []  # type: ignore[attr-defined]


def test_hostile_article_runs_nothing(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base_url}/articles/{HOSTILE_ID}")
    assert page.locator("script, img").count() == 0
    assert "<script>" in page.locator(".body").inner_text()  # shown as text
    page.screenshot(path=ARTIFACTS / "hostile-article.png")
    assert page.dialogs == []  # type: ignore[attr-defined]
    assert page.elsewhere == []  # type: ignore[attr-defined]
