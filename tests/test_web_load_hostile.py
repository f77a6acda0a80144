"""The hostile requests of the load test (benchmarks/web_load.py), on SQLite and PostgreSQL:
each gets its 4xx (or an empty 200), never a 500. Ids past PostgreSQL's INTEGER and a NUL in a
path were 500s."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from benchmarks.web_load import hostile
from qawl.web import create_app


@pytest.fixture(scope="module")
def client(web_store: str) -> Iterator[TestClient]:
    with TestClient(create_app(web_store), raise_server_exceptions=False) as c:
        yield c


def test_hostile_requests_get_what_they_expect(client: TestClient) -> None:
    wrong = []
    for r in hostile():
        if len(r.path) > 65536:  # httpx sends no such URL; the load test sends it to qawl serve
            continue
        status = client.get(r.path).status_code
        if status not in r.expected:
            wrong.append((r.path[:80], status))
    assert not wrong


@pytest.mark.parametrize("n", [0, -1, 2**31, 2**63, 10**30])
def test_row_ids_out_of_range_are_invalid(client: TestClient, n: int) -> None:
    for path in ("/api/statements/", "/api/chains/", "/api/entities/", "/statements/", "/entities/"):
        assert client.get(f"{path}{n}").status_code == 422, path


def test_a_nul_in_a_path_is_not_found(client: TestClient) -> None:
    for path in ("/api/speakers/a%00", "/speakers/a%00", "/api/articles/a%00", "/articles/a%00"):
        assert client.get(path).status_code == 404, path
