"""The HTML pages: server-rendered, right to left, autoescaped (Jinja2)."""

from __future__ import annotations

from pathlib import Path as FilePath
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader

from qawl.store import pages, story
from qawl.store.reader import records
from qawl.store.search import search_statements
from qawl.web.deps import (
    TYPES,
    ArticleId,
    KbId,
    Limit,
    Offset,
    Outlets,
    RowId,
    SearchParams,
    Store,
    found_or_404,
)
from qawl.web.highlight import Mark, highlight, paragraph

TEMPLATES = FilePath(__file__).parent / "templates"
env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, auto_reload=False)
router = APIRouter(include_in_schema=False)

TYPE_LABELS = {"direct": "مباشر", "indirect": "غير مباشر", "mixed": "مختلط", "decline": "امتناع"}
RELATION_LABELS = {
    "first": ("أول رواية", "first report"),
    "verbatim": ("بالنص نفسه", "verbatim"),
    "trimmed": ("مختصرا", "trimmed"),
    "paraphrase": ("بتصرف", "paraphrased"),
}
ROLE_LABELS = {"speaker": "المتحدث", "via": "عبر", "outlet": "الناشر"}
env.globals.update(type_labels=TYPE_LABELS, role_labels=ROLE_LABELS, types=TYPES)


def render(name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    return HTMLResponse(env.get_template(name).render(**context), status_code=status_code)


@router.get("/", response_class=HTMLResponse)
def search_page(request: Request, store: Store, p: SearchParams) -> HTMLResponse:
    hits = search_statements(store, p.q, p.filters, limit=p.limit, offset=p.offset)
    pages_ = page_links(request, p.offset, p.limit, len(hits))
    return render("search.html", form=p, f=p.filters, hits=hits, pages=pages_)


def page_links(request: Request, offset: int, limit: int, shown: int) -> dict[str, str | None]:
    """The query strings of the pages before and after this one (None where there is none)."""
    params = {k: v for k, v in request.query_params.items() if k != "offset" and v}
    return {
        "prev": urlencode({**params, "offset": max(0, offset - limit)}) if offset else None,
        "next": urlencode({**params, "offset": offset + limit}) if shown == limit else None,
    }


@router.get("/statements/{statement_id}", response_class=HTMLResponse)
def statement_page(store: Store, statement_id: RowId) -> HTMLResponse:
    st = found_or_404(pages.statement(store, statement_id), "statement")
    marks = statement_marks(st)
    lo, hi = paragraph(st.article_text, marks)
    html = highlight(st.article_text, marks, lo, hi) if marks else None
    return render("statement.html", st=st, paragraph=html, links=st.links())


def statement_marks(st: pages.Statement, href: str | None = None) -> list[Mark]:
    marks = []
    if st.start is not None and st.end is not None:
        marks.append(Mark(st.start, st.end, "content", href))
    if st.cue is not None and st.cue[0] is not None:
        marks.append(Mark(st.cue[0], st.cue[1], "cue", href))
    if st.speaker_span is not None and st.speaker_span[1] is not None:
        marks.append(Mark(st.speaker_span[0], st.speaker_span[1], "speaker", href))
    return marks


@router.get("/stories", response_class=HTMLResponse)
def stories_page(
    request: Request,
    store: Store,
    outlets: Outlets = 2,
    limit: Limit = 50,
    offset: Offset = 0,
) -> HTMLResponse:
    found = story.stories(store, min_outlets=outlets, limit=limit, offset=offset)
    pages_ = page_links(request, offset, limit, len(found))
    return render("stories.html", stories=found, outlets=outlets, pages=pages_)


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(store: Store, story_id: RowId) -> HTMLResponse:
    found = found_or_404(story.story(store, story_id), "story")
    return render("story.html", story=found, relation_labels=RELATION_LABELS)


@router.get("/speakers", response_class=HTMLResponse)
def speakers_page(
    store: Store,
    limit: Limit = 50,
    offset: Offset = 0,
) -> HTMLResponse:
    return render("speakers.html", speakers=pages.speakers(store, limit=limit, offset=offset))


@router.get("/speakers/{kb_id:path}", response_class=HTMLResponse)
def speaker_page(store: Store, kb_id: KbId) -> HTMLResponse:
    found = found_or_404(pages.speaker(store, kb_id), "speaker")
    return render("speaker.html", sp=found)


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity_page(store: Store, entity_id: RowId) -> HTMLResponse:
    found = found_or_404(pages.entity(store, entity_id), "entity")
    return render("entity.html", e=found)


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article_page(store: Store, article_id: ArticleId) -> HTMLResponse:
    record = found_or_404(next(records(store, [article_id]), None), "article")
    rows = pages.article_statement_ids(store, article_id)
    marks = []
    for q in record.quotes:
        href = f"/statements/{rows[q.id]}" if q.id in rows else None
        if q.start is not None and q.end is not None:
            marks.append(Mark(q.start, q.end, "content", href))
        if q.cue is not None:
            marks.append(Mark(q.cue.start, q.cue.end, "cue", href))
        if q.speaker is not None and q.speaker.start is not None and q.speaker.end is not None:
            marks.append(Mark(q.speaker.start, q.speaker.end, "speaker", href))
    with store.connect() as conn:
        carried = pages.copies(conn, article_id)
    return render(
        "article.html", a=record, body=highlight(record.text, marks), copies=carried, statements=rows
    )
