"""``POST /api/ingest``: only where a token is configured, and only with it."""

from __future__ import annotations

import hmac
import threading
from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Header, HTTPException
from pydantic import BaseModel, ConfigDict, Field

from qawl.record import Article
from qawl.store.ingest import ingest
from qawl.web.deps import Store

MAX_BATCH = 500


class ArticleIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1)
    id: str | None = Field(default=None, max_length=300)
    published: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    source: str | None = Field(default=None, max_length=300)
    url: str | None = Field(default=None, max_length=2000)
    title: str | None = Field(default=None, max_length=2000)


def router(token: str) -> APIRouter:
    expected = token.encode("utf-8")
    lock = threading.Lock()  # one writer at a time: ingest counts its own primary keys
    r = APIRouter(prefix="/api", tags=["api"])

    @r.post("/ingest", summary="Analyse and store one article or a batch (needs the token)")
    def ingest_articles(
        store: Store,
        body: ArticleIn | Annotated[list[ArticleIn], Field(min_length=1, max_length=MAX_BATCH)],
        authorization: Annotated[str | None, Header()] = None,
    ) -> dict[str, Any]:
        if not authorization or not authorization.startswith("Bearer "):
            raise HTTPException(401, "a token is needed", headers={"WWW-Authenticate": "Bearer"})
        given = authorization.removeprefix("Bearer ").encode("utf-8")
        if not hmac.compare_digest(given, expected):  # in constant time: no timing to learn it by
            raise HTTPException(403, "wrong token")
        items = body if isinstance(body, list) else [body]
        with lock:
            added = ingest(store, [Article(**item.model_dump()) for item in items])
        return asdict(added)

    return r
