"""What the API and the pages share: the store, and the search filters read from a query string."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, TypeVar

from fastapi import Depends, HTTPException, Path, Query, Request
from pydantic import AfterValidator
from sqlalchemy import Engine

from qawl.record import without_nul
from qawl.store.search import DEFAULT_LIMIT, Filters

MAX_LIMIT = 100
TYPES = ("direct", "indirect", "mixed", "decline")
# Row ids are the schema's INTEGER columns, counted from 1: PostgreSQL holds them in 32 bits, and
# a larger number (or one past SQLite's 64) fails in the driver, a 500; refused here, a 422.
MAX_ROW_ID = 2**31 - 1


T = TypeVar("T")

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT)]  # items a page or a response lists
Offset = Annotated[int, Query(ge=0, le=100_000)]  # items before them
Outlets = Annotated[int, Query(ge=1, le=1000, description="Outlets a story was carried by, at least.")]


def found_or_404(value: T | None, what: str) -> T:
    """What a page or endpoint looked up, or a 404 saying there is no such ``what``."""
    if value is None:
        raise HTTPException(404, f"no such {what}")
    return value


def engine(request: Request) -> Engine:
    return request.app.state.engine


@dataclass(frozen=True, slots=True)
class Search:
    q: str
    filters: Filters
    limit: int
    offset: int


def search_params(
    q: Annotated[str, Query(max_length=500, description="Words the statement holds (all of them).")] = "",
    speaker: Annotated[str | None, Query(max_length=200, description="A speaker's name or kb_id.")] = None,
    about: Annotated[str | None, Query(max_length=200, description="An entity the statement names.")] = None,
    outlet: Annotated[str | None, Query(max_length=200, description="Part of an outlet's name.")] = None,
    type: Annotated[str | None, Query(description="direct, indirect, mixed or decline.")] = None,
    since: Annotated[str | None, Query(max_length=10, description="YYYY-MM-DD, YYYY-MM or YYYY.")] = None,
    until: Annotated[str | None, Query(max_length=10, description="YYYY-MM-DD, YYYY-MM or YYYY.")] = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> Search:
    # An empty form field means no filter.
    values = {k: v or None for k, v in dict(speaker=speaker, about=about, outlet=outlet).items()}
    if type and type not in TYPES:
        raise HTTPException(422, f"type must be one of {', '.join(TYPES)}")
    try:
        filters = Filters(**values, type=type or None, since=since or None, until=until or None)
    except ValueError as e:
        raise HTTPException(422, str(e)) from None
    return Search(q, filters, limit, offset)


SearchParams = Annotated[Search, Depends(search_params)]
Store = Annotated[Engine, Depends(engine)]
RowId = Annotated[int, Path(ge=1, le=MAX_ROW_ID)]
# An id in a path is looked up as the store would hold it: a NUL as U+FFFD (see ``Article``;
# PostgreSQL refuses a NUL in a parameter, which would be a 500).
KbId = Annotated[str, Path(max_length=200), AfterValidator(without_nul)]
ArticleId = Annotated[str, Path(max_length=300), AfterValidator(without_nul)]
