"""Precision of stories and responses, judged by hand on a random sample of a store.

    .venv/bin/python benchmarks/stories_precision.py sample --db ant.db [--seed 2026] [--out eval/stories]
    .venv/bin/python benchmarks/stories_precision.py score --db ant.db [--judged eval/stories]

``sample`` draws from a store (the whole of ../shared/corpus/ant2018.jsonl.gz ingested):

- ``clusters.jsonl``: PAIRS pairs of statements that qawl put in one story, from two
  different articles. A story is drawn at random among the stories of two or more articles,
  then two of its statements from different articles, so that a few large stories do not
  make the whole sample.
- ``responses.jsonl``: RESPONSES responses drawn at random among all that qawl found, and
  every other response qawl linked to a statement (``"sampled": false``), so that every link
  is judged when there are fewer than RESPONSES of them.

Each item carries the statements' words and the sentence around them, so that a judge needs
nothing else; the judge fills in ``judgement`` (and a ``note``). ``score`` reads the judged
files, checks against the store that each pair is still what qawl gives (a pair qawl no longer
gives counts as a wrong answer it no longer makes: it is left out, and counted), and prints
the precision with a 95% Wilson interval.

Judgements: a cluster pair is "same" when both statements report one utterance of the same
speaker (a sentence said, a tweet, a statement issued: verbatim, trimmed or retold), else
"different". A response is "right" when the statement does answer something the named
speaker said, else "wrong"; its link, when there is one, is "right" when the statement
linked is what it answers (or a report of it), else "wrong".
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from collections import defaultdict
from pathlib import Path

from sqlalchemy import Connection, func, select

from qawl.store import connect
from qawl.store import schema as s
from qawl.store.pages import reported

PAIRS = 100
RESPONSES = 100
CONTEXT = 160  # characters of the article on each side of a statement


def _statement(conn: Connection, statement_id: int) -> dict:
    st, a, src, sp = s.statements, s.articles, s.sources, s.entities
    row = conn.execute(
        reported(
            st.c.id,
            st.c.article_id,
            st.c.local_id,
            st.c.type,
            st.c.text,
            st.c.start,
            st.c.end,
            st.c.cue_start,
            st.c.speaker_text,
            sp.c.name,
            src.c.name.label("outlet"),
            a.c.published,
            a.c.text.label("article"),
        ).where(st.c.id == statement_id)
    ).one()
    anchors = [x for x in (row.cue_start, row.start) if x is not None]
    lo = max(0, min(anchors, default=0) - CONTEXT)
    hi = min(
        len(row.article), max([x for x in (row.end, row.cue_start) if x is not None], default=0) + CONTEXT
    )
    return {
        "statement": row.id,
        "article": row.article_id,
        "quote": row.local_id,
        "outlet": row.outlet,
        "published": row.published,
        "speaker": row.name or row.speaker_text,
        "type": row.type,
        "text": row.text,
        "context": " ".join(row.article[lo:hi].split()),
    }


def sample(db: str, seed: int, out: Path) -> None:
    engine = connect(db, create=False)
    rng = random.Random(seed)
    st, rs = s.statements.c, s.responses.c
    with engine.connect() as conn:
        members: dict[int, list[tuple[int, str]]] = defaultdict(list)
        for sid, story_id, article_id in conn.execute(
            select(st.id, st.story_id, st.article_id).order_by(st.id)
        ):
            members[story_id].append((sid, article_id))
        stories = sorted(x for x, m in members.items() if len({a for _, a in m}) >= 2)
        pairs = []
        for story_id in rng.sample(stories, min(PAIRS, len(stories))):
            m = members[story_id]
            while True:
                (a, article_a), (b, article_b) = rng.sample(m, 2)
                if article_a != article_b:
                    break
            a, b = sorted((a, b))
            pairs.append(
                {
                    "story": story_id,
                    "a": _statement(conn, a),
                    "b": _statement(conn, b),
                    "judgement": None,
                    "note": "",
                }
            )
        found = list(
            conn.execute(
                select(rs.statement_id, rs.answered_id, rs.cue_text, rs.speaker_text).order_by(
                    rs.statement_id
                )
            )
        )
        drawn = set(rng.sample(range(len(found)), min(RESPONSES, len(found))))
        responses = []
        for i, r in enumerate(found):
            if i not in drawn and r.answered_id is None:
                continue
            responses.append(
                {
                    "sampled": i in drawn,
                    "response": _statement(conn, r.statement_id),
                    "cue": r.cue_text,
                    "answers": r.speaker_text,
                    "answered": _statement(conn, r.answered_id) if r.answered_id is not None else None,
                    "judgement": None,
                    "link_judgement": None,
                    "note": "",
                }
            )
    out.mkdir(parents=True, exist_ok=True)
    for name, items in (("clusters.jsonl", pairs), ("responses.jsonl", responses)):
        with (out / name).open("w", encoding="utf-8") as f:
            for item in items:
                f.write(json.dumps(item, ensure_ascii=False) + "\n")
    print(f"{len(pairs)} pairs of {len(stories)} stories, {len(responses)} responses of {len(found)} → {out}")


def wilson(right: int, n: int, z: float = 1.96) -> tuple[float, float]:
    if n == 0:
        return (0.0, 0.0)
    p = right / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (centre - half, centre + half)


def _line(name: str, right: int, n: int, gone: int) -> dict:
    lo, hi = wilson(right, n)
    share = right / n if n else 0.0
    print(f"{name}: {right}/{n} = {share:.3f} (95% {lo:.3f}–{hi:.3f}); {gone} judged pairs no longer given")
    return {
        "name": name,
        "right": right,
        "judged": n,
        "precision": round(share, 3),
        "wilson95": [round(lo, 3), round(hi, 3)],
        "no_longer_given": gone,
    }


def score(db: str, judged: Path) -> list[dict]:
    engine = connect(db, create=False)
    st, rs = s.statements.c, s.responses.c

    def key(conn: Connection, item: dict) -> int | None:
        return conn.scalar(
            select(st.id).where(st.article_id == item["article"], st.local_id == item["quote"])
        )

    results = []
    with engine.connect() as conn:
        right = n = gone = 0
        for line in (judged / "clusters.jsonl").read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            a, b = key(conn, item["a"]), key(conn, item["b"])
            stories = {conn.scalar(select(st.story_id).where(st.id == x)) for x in (a, b)}
            if None in (a, b) or len(stories) != 1:
                gone += 1
                continue
            n += 1
            right += item["judgement"] == "same"
        results.append(_line("cluster pairs", right, n, gone))
        for name, field, only in (
            ("responses", "judgement", True),
            ("response links", "link_judgement", False),
        ):
            right = n = gone = 0
            for line in (judged / "responses.jsonl").read_text(encoding="utf-8").splitlines():
                item = json.loads(line)
                if (only and not item["sampled"]) or (not only and item["answered"] is None):
                    continue
                response = key(conn, item["response"])
                row = (
                    conn.execute(select(rs.answered_id).where(rs.statement_id == response)).first()
                    if response
                    else None
                )
                linked = (
                    item["answered"] and row is not None and row.answered_id == key(conn, item["answered"])
                )
                if row is None or (not only and not linked):
                    gone += 1
                    continue
                n += 1
                right += item[field] == "right"
            results.append(_line(name, right, n, gone))
        total = conn.scalar(select(func.count()).select_from(s.responses))
    print(f"(the store holds {total} responses)")
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("sample")
    p.add_argument("--db", required=True)
    p.add_argument("--seed", type=int, default=2026)
    p.add_argument("--out", type=Path, default=Path("eval/stories"))
    p = sub.add_parser("score")
    p.add_argument("--db", required=True)
    p.add_argument("--judged", type=Path, default=Path("eval/stories"))
    p.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if args.command == "sample":
        sample(args.db, args.seed, args.out)
    else:
        results = score(args.db, args.judged)
        if args.json:
            print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
