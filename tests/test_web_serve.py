"""``qawl serve``: the app over a real socket, on 127.0.0.1 unless told otherwise, with the
ingest endpoint only when the token's variable is set."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path

from click.testing import CliRunner

from qawl.web.command import serve
from tests.web_server import served

ARTICLE = json.dumps({"text": "قال الوزير إن الاجتماع انتهى."}).encode()


def post(url: str, token: str | None) -> int:
    headers = {"content-type": "application/json"}
    if token:
        headers["authorization"] = f"Bearer {token}"
    try:
        with urllib.request.urlopen(urllib.request.Request(url, ARTICLE, headers), timeout=30) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code


def test_serve_answers_on_loopback_without_ingest(web_store: str) -> None:
    with served(web_store) as url:
        assert url.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(url + "/", timeout=10) as r:
            assert '<html dir="rtl" lang="ar">' in r.read().decode()
        with urllib.request.urlopen(url + "/api/statements?limit=3", timeout=10) as r:
            assert len(json.loads(r.read())["items"]) == 3
        assert post(url + "/api/ingest", "anything") in (404, 405)


def test_serve_takes_the_token_from_the_named_variable(tmp_path: Path) -> None:
    db = str(tmp_path / "served.db")
    with served(db, env={"QAWL_TOKEN": "s3cret-token"}) as url:
        assert post(url + "/api/ingest", None) == 401
        assert post(url + "/api/ingest", "wrong") == 403
        assert post(url + "/api/ingest", "s3cret-token") == 200


def test_serve_listens_on_127_0_0_1_by_default() -> None:
    host = next(p for p in serve.params if p.name == "host")
    assert host.default == "127.0.0.1"
    assert "--token-env" in CliRunner().invoke(serve, ["--help"]).output
