"""The story pages in a real browser (Debian's chromium driven by Playwright, nothing
downloaded) against ``qawl serve``: from the stories, a story with its earliest report, its
outlets on a timeline and the wording of each report; from a statement to its story, and
from an answer to the statement it answers. Screenshots go to $QAWL_ARTIFACTS."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from qawl.store import connect
from qawl.store.ingest import ingest
from tests.store_data import seed
from tests.stories_data import TWEET_OUTLETS, story_articles
from tests.web_server import served

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(os.environ.get("QAWL_ARTIFACTS") or Path(__file__).parent / "artifacts") / "web"

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)"
)


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Iterator:  # type: ignore[type-arg]
    from playwright.sync_api import sync_playwright

    db = tmp_path_factory.mktemp("stories-browser") / "qawl.db"
    engine = connect(db)
    ingest(engine, [*story_articles(), seed()])
    engine.dispose()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with served(str(db)) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="ar")
        page.set_default_timeout(15_000)
        page.base_url = url  # type: ignore[attr-defined]
        yield page
        browser.close()


def test_from_the_stories_to_a_story_and_back(page) -> None:  # type: ignore[no-untyped-def]
    page.goto(page.base_url + "/")
    page.click("header nav a[href='/stories']")
    page.wait_for_url("**/stories")
    page.locator("a.story-link").first.click()
    page.wait_for_url("**/stories/*")
    assert page.locator("ol.story-timeline > li").count() == 4
    outlets = set(page.locator("ol.story-timeline .outlet").all_inner_texts())
    assert outlets == TWEET_OUTLETS
    assert page.locator("ul.first li").count() == 4  # all four carried it on 11 April
    assert page.locator("ol.reports li").count() == 4
    struck = page.locator("ol.reports del").first
    assert struck.evaluate("e => getComputedStyle(e).textDecorationLine") == "line-through"
    added = page.locator("ol.reports ins").first
    assert added.evaluate("e => getComputedStyle(e).backgroundColor") not in (
        "rgba(0, 0, 0, 0)",
        "transparent",
    )
    page.screenshot(path=ARTIFACTS / "story.png", full_page=True)
    story_url = page.url
    page.locator("ol.story-timeline a").first.click()
    page.wait_for_url("**/statements/*")
    page.click("a.story-link")
    page.wait_for_url(story_url)


def test_from_an_answer_to_the_statement_it_answers(page) -> None:  # type: ignore[no-untyped-def]
    page.goto(page.base_url + "/articles/seed-aleppo-2016")
    page.locator(".body a.cue").first.click()  # the decline's cue leads to its statement
    page.wait_for_url("**/statements/*")
    assert "التعليق على ما أدلى به" in page.locator("p.responds-to").inner_text()
    page.screenshot(path=ARTIFACTS / "response.png", full_page=True)
    page.locator("p.responds-to a").first.click()
    page.wait_for_url("**/statements/*")
    assert "شويغو" in page.locator("h1").inner_text()
    assert page.locator("ul.responses li a").count() == 1  # and back: the decline answers it
