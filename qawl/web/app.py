"""The app: ``create_app(db, token)`` gives the API and the pages over one store."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from anyio import to_thread
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from qawl.store.database import connect
from qawl.web import api, ingest_api, views
from qawl.web.guard import MAX_BODY, Guard

STATIC = Path(__file__).parent / "static"
log = logging.getLogger("qawl.web")
# The endpoints are plain functions, run in anyio's threads (40 by default), and each takes a
# connection from SQLAlchemy's pool: 5 kept and 10 more on demand, the defaults connect() keeps.
# No more threads than connections: a thread never waits for one (after 30 s of waiting it
# would answer 500), requests wait their turn in the event loop instead, and fewer threads
# hold less memory (stacks, malloc arenas). Measured: the same requests/s at 50 clients.
THREADS = 15


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    to_thread.current_default_thread_limiter().total_tokens = THREADS
    yield
    app.state.engine.dispose()


def create_app(db: str, token: str | None = None, *, max_body: int = MAX_BODY) -> FastAPI:
    """The app over the store at ``db``; ``POST /api/ingest`` exists only when ``token`` is given."""
    # No /docs or /redoc: FastAPI's pages load their scripts from a CDN. The description is served.
    app = FastAPI(
        title="qawl",
        summary="Who said what in Arabic news: statements, speakers, chains of attribution.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
        lifespan=_lifespan,
    )
    app.state.engine = connect(db)
    app.include_router(api.router)
    if token:
        app.include_router(ingest_api.router(token))
    app.include_router(views.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(Exception, _internal_error)
    app.add_middleware(Guard, max_body=max_body)
    return app


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api")


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if _is_api(request):
        return JSONResponse({"detail": exc.detail}, exc.status_code, headers=exc.headers)
    return views.render("error.html", exc.status_code, status=exc.status_code, detail=exc.detail)


async def _invalid(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    # Where and why, not the input itself: it is echoed nowhere.
    errors = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", "")} for e in exc.errors()]
    if _is_api(request):
        return JSONResponse({"detail": errors}, 422)
    detail = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in errors)
    return views.render("error.html", 422, status=422, detail=detail)


async def _internal_error(request: Request, exc: Exception) -> Response:
    # The trace goes to the server's log, never to the client.
    log.error("internal error on %s", request.url.path, exc_info=exc)
    if _is_api(request):
        return JSONResponse({"detail": "internal error"}, 500)
    return views.render("error.html", 500, status=500, detail="internal error")
