"""The JSON API (``/api``), described by FastAPI's OpenAPI at ``/api/openapi.json``."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from qawl.store import pages, story
from qawl.store.reader import records
from qawl.store.search import Hit, search_statements
from qawl.web.deps import ArticleId, KbId, Limit, Offset, Outlets, RowId, SearchParams, Store, found_or_404

router = APIRouter(prefix="/api", tags=["api"])


@router.get("/statements", summary="Search statements")
def statements(store: Store, p: SearchParams) -> dict[str, Any]:
    hits: list[Hit] = search_statements(store, p.q, p.filters, limit=p.limit, offset=p.offset)
    return {"items": [asdict(h) for h in hits], "limit": p.limit, "offset": p.offset}


@router.get("/statements/{statement_id}", summary="One statement, its chain and the outlets that carried it")
def statement(store: Store, statement_id: RowId) -> dict[str, Any]:
    st = _statement(store, statement_id)
    out = asdict(st)
    del out["article_text"]  # the article is at /api/articles/{id}
    out["links"] = [asdict(link) for link in st.links()]
    return out


@router.get("/chains/{statement_id}", summary="A statement's chain: speaker → intermediaries → outlet")
def chain(store: Store, statement_id: RowId) -> dict[str, Any]:
    st = _statement(store, statement_id)
    return {"statement": st.id, "links": [asdict(link) for link in st.links()]}


@router.get(
    "/stories", summary="Stories: statements carried by several outlets, the most widely carried first"
)
def stories(
    store: Store,
    outlets: Outlets = 2,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    items = story.stories(store, min_outlets=outlets, limit=limit, offset=offset)
    return {"items": [asdict(x) for x in items], "limit": limit, "offset": offset}


@router.get(
    "/stories/{story_id}",
    summary="A story: its reports by publication day, the earliest, how each worded it, the answers to it",
)
def one_story(store: Store, story_id: RowId) -> dict[str, Any]:
    found = found_or_404(story.story(store, story_id), "story")
    out = asdict(found)
    out["first"] = [r.statement_id for r in found.first]  # each report is in "reports"
    for report, row in zip(found.reports, out["reports"], strict=True):
        row["quoted"] = report.quoted
    return out


@router.get("/speakers", summary="Speakers, those with most statements first")
def speakers(
    store: Store,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    items = pages.speakers(store, limit=limit, offset=offset)
    return {"items": [asdict(s) for s in items], "limit": limit, "offset": offset}


@router.get("/speakers/{kb_id:path}", summary="A speaker, their statements, whom they were reported through")
def speaker(store: Store, kb_id: KbId) -> dict[str, Any]:
    return asdict(found_or_404(pages.speaker(store, kb_id), "speaker"))


@router.get("/entities/{entity_id}", summary="An entity of an article: its mentions and statements")
def entity(store: Store, entity_id: RowId) -> dict[str, Any]:
    return asdict(found_or_404(pages.entity(store, entity_id), "entity"))


@router.get("/articles/{article_id:path}", summary="An article's record (format qawl/2, or qawl/1)")
def article(
    store: Store,
    article_id: ArticleId,
    format: Annotated[
        Literal["qawl/2", "qawl/1"], Query(description="qawl/2, or qawl/1: without responds_to and story.")
    ] = "qawl/2",
) -> dict[str, Any]:
    return found_or_404(next(records(store, [article_id]), None), "article").to_json(format)


def _statement(store: Store, statement_id: int) -> pages.Statement:
    return found_or_404(pages.statement(store, statement_id), "statement")
