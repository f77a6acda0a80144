"""Score qawl records against hand-annotated gold articles.

The definitions are those of the annotation guidelines' "Scoring" section, and
give the same figures as the project's reference scorer (``eval/score.py`` of
the development tree) on the same files. All figures are micro-averaged over
the gold articles; records are joined to gold articles by ``id``.

- quote P/R/F1: a predicted statement (direct, indirect or mixed) matches a gold
  one when their content words overlap with F1 >= 0.5; matching is one-to-one,
  best overlap first. Gold marked ``optional`` neither adds to recall nor
  counts against precision.
- attributed P/R/F1: like quote F1, but a match counts only if the speaker is
  right. The headline figure.
- speaker / via accuracy: right speakers / right chains among matched statements.
- chain accuracy: right chains among matched statements whose gold chain is not empty.
- decline P/R/F1: "declined to comment" statements, matched on speaker.
- entity P/R/F1: distinct (type, name) pairs per article.
- date accuracy: gold date expressions found with the right ISO value.

A gold article file (one JSON object per ``*.json`` file in the gold folder)
has ``id``, ``text``, ``quotes`` (``type``, ``content``, ``speaker``,
``speaker_aliases``, ``via``, ``optional``), ``entities`` (``text``, ``type``)
and ``dates`` (``text``, ``value``).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from qawl.ingest.readers import Failure

Json = dict[str, Any]

DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")  # and tatweel
NON_WORD = re.compile(r"[^\w]+")
LEADING_CONJUNCTION = re.compile("^(?:و|ف)")
DEFINITE_ARTICLE = re.compile("^(?:و|ف)?(?:ب|ك)?ال(..+)$")  # ال، وال، بال، فبال …
LAM_DEFINITE_ARTICLE = re.compile("^(?:و|ف)?لل(..+)$")  # لل = ل + ال
CONTENT_TYPES = ("direct", "indirect", "mixed")
MATCH_THRESHOLD = 0.5


# --- comparing words and names ---------------------------------------------------------------------


def normalise(text: str | None) -> str:
    """Without diacritics, tatweel and punctuation; alef, ya, ta marbuta, hamza seats unified."""
    text = DIACRITICS.sub("", text or "")
    text = re.sub("[أإآٱ]", "ا", text)
    text = text.replace("ى", "ي").replace("ة", "ه").replace("ؤ", "و").replace("ئ", "ي")
    return NON_WORD.sub(" ", text).strip()


def words(text: str | None) -> list[str]:
    return normalise(text).split()


def overlap_f1(a: str | None, b: str | None) -> float:
    """F1 of the words two texts share, each word counted as often as both texts have it."""
    words_a, words_b = words(a), words(b)
    if not words_a or not words_b:
        return 0.0
    common = sum((Counter(words_a) & Counter(words_b)).values())
    if not common:
        return 0.0
    precision, recall = common / len(words_a), common / len(words_b)
    return 2 * precision * recall / (precision + recall)


def name_word(word: str) -> str:
    """A name word without its definite article and the clitics fused with it (للولايات → ولايات)."""
    m = DEFINITE_ARTICLE.match(word) or LAM_DEFINITE_ARTICLE.match(word)
    return m.group(1) if m else word


def name_words(name: str | None) -> list[str]:
    found = words(name)
    if found and len(found[0]) > 3:
        found[0] = LEADING_CONJUNCTION.sub("", found[0])
    return [name_word(w) for w in found]


def name_key(name: str | None) -> str:
    return " ".join(name_words(name))


def same_name(a: str | None, b: str | None) -> bool:
    """Names agree when one's word sequence contains the other's."""
    short, long = name_words(a), name_words(b)
    if not short or not long:
        return False
    if len(short) > len(long):
        short, long = long, short
    return any(long[i : i + len(short)] == short for i in range(len(long) - len(short) + 1))


def matches_any(name: str | None, names: Sequence[str]) -> bool:
    return bool(name) and any(same_name(name, other) for other in names)


# --- reading predicted statements ------------------------------------------------------------------


def predicted_name(record: Json, ref: Json | None) -> str | None:
    """The name a record gives a speaker or intermediary: its entity's name, else its text."""
    if not ref:
        return None
    entities = {e.get("id"): e for e in record.get("entities") or []}
    entity = entities.get(ref.get("entity"))
    if entity and entity.get("name"):
        return entity["name"]
    return ref.get("text")


def speaker_is_right(record: Json, predicted: Json, gold: Json) -> bool:
    name = predicted_name(record, predicted.get("speaker"))
    return matches_any(name, [gold["speaker"], *gold.get("speaker_aliases", [])])


def chain_is_right(record: Json, predicted: Json, gold: Json) -> bool:
    gold_chain = gold.get("via") or []
    names = [predicted_name(record, v) for v in predicted.get("via") or []]
    chain = [n for n in names if n]
    return len(gold_chain) == len(chain) and all(
        same_name(p, g) for p, g in zip(chain, gold_chain, strict=True)
    )


# --- matching and counting -------------------------------------------------------------------------


def match_one_to_one(
    predicted: Sequence[Json], gold: Sequence[Json], similarity: Callable[[Json, Json], float]
) -> list[tuple[int, int]]:
    """(predicted index, gold index) pairs with similarity >= 0.5, best first, each side used once."""
    candidates = [
        (s, i, j)
        for i, p in enumerate(predicted)
        for j, g in enumerate(gold)
        if (s := similarity(p, g)) >= MATCH_THRESHOLD
    ]
    candidates.sort(reverse=True)
    used_predicted: set[int] = set()
    used_gold: set[int] = set()
    pairs = []
    for _, i, j in candidates:
        if i not in used_predicted and j not in used_gold:
            used_predicted.add(i)
            used_gold.add(j)
            pairs.append((i, j))
    return pairs


def prf(tp: int, n_predicted: int, n_gold: int) -> tuple[float, float, float]:
    precision = tp / n_predicted if n_predicted else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def score_article(gold: Json, record: Json, counts: Counter[str], log: list[str]) -> None:
    """Add one article's counts; note its misses and errors in ``log``."""
    _score_statements(gold, record, counts, log)
    _score_declines(gold, record, counts)
    _score_entities(gold, record, counts)
    _score_dates(gold, record, counts)


def _score_statements(gold: Json, record: Json, counts: Counter[str], log: list[str]) -> None:
    predicted = [q for q in record.get("quotes") or [] if q.get("type") in CONTENT_TYPES]
    expected = [q for q in gold["quotes"] if q["type"] in CONTENT_TYPES]
    pairs = match_one_to_one(predicted, expected, lambda p, g: overlap_f1(p.get("text", ""), g["content"]))
    optional_hits = sum(1 for _, j in pairs if expected[j].get("optional"))
    counts["quote_pred"] += len(predicted) - optional_hits
    counts["quote_gold"] += sum(1 for g in expected if not g.get("optional"))
    for i, j in pairs:
        g = expected[j]
        if g.get("optional"):
            continue
        counts["quote_tp"] += 1
        speaker_right = speaker_is_right(record, predicted[i], g)
        counts["speaker_ok"] += speaker_right
        counts["attributed_tp"] += speaker_right
        chain_right = chain_is_right(record, predicted[i], g)
        counts["via_ok"] += chain_right
        if g.get("via"):
            counts["chain_gold"] += 1
            counts["chain_ok"] += chain_right
        if not speaker_right:
            name = predicted_name(record, predicted[i].get("speaker"))
            log.append(f"  wrong speaker: {name!r} for {g['content'][:50]!r} (gold {g['speaker']!r})")
    matched_gold = {j for _, j in pairs}
    for j, g in enumerate(expected):
        if not g.get("optional") and j not in matched_gold:
            log.append(f"  missed {g['type']}: {g['content'][:60]!r} ({g['speaker']})")
    matched_predicted = {i for i, _ in pairs}
    for i, p in enumerate(predicted):
        if i not in matched_predicted:
            log.append(f"  spurious {p.get('type')}: {(p.get('text') or '')[:60]!r}")


def _score_declines(gold: Json, record: Json, counts: Counter[str]) -> None:
    predicted = [q for q in record.get("quotes") or [] if q.get("type") == "decline"]
    expected = [q for q in gold["quotes"] if q["type"] == "decline"]
    pairs = match_one_to_one(predicted, expected, lambda p, g: 1.0 if speaker_is_right(record, p, g) else 0.0)
    counts["decline_pred"] += len(predicted)
    counts["decline_gold"] += len(expected)
    counts["decline_tp"] += len(pairs)


def _score_entities(gold: Json, record: Json, counts: Counter[str]) -> None:
    """Gold (type, name) pairs found under any name or mention string; a predicted entity hits once."""
    entities = record.get("entities") or []

    def keys(entity: Json) -> list[tuple[Any, str]]:
        strings = [entity.get("name", ""), *(m.get("text", "") for m in entity.get("mentions") or [])]
        return [(entity.get("type"), name_key(s)) for s in strings]

    predicted = {key for e in entities for key in keys(e)}
    expected = {(e["type"], name_key(e["text"])) for e in gold.get("entities", [])}
    counts["entity_tp"] += sum(1 for key in expected if key in predicted)
    counts["entity_gold"] += len(expected)
    counts["entity_pred"] += len(entities)
    counts["entity_pred_hit"] += sum(1 for e in entities if any(key in expected for key in keys(e)))


def _score_dates(gold: Json, record: Json, counts: Counter[str]) -> None:
    predicted = [(d.get("text", ""), d.get("value")) for d in record.get("dates") or []]
    for d in gold.get("dates", []):
        counts["date_gold"] += 1
        found = any(
            overlap_f1(text, d["text"]) >= MATCH_THRESHOLD and value == d["value"]
            for text, value in predicted
        )
        counts["date_ok"] += found


def _ratio(counts: Counter[str], part: str, whole: str) -> float:
    return counts[part] / counts[whole] if counts[whole] else 0.0


def summarise(counts: Counter[str], n_articles: int, n_missing: int) -> Json:
    """The figures from the counts, in the reference scorer's order and names."""
    quote_p, quote_r, quote_f = prf(counts["quote_tp"], counts["quote_pred"], counts["quote_gold"])
    attr_p, attr_r, attr_f = prf(counts["attributed_tp"], counts["quote_pred"], counts["quote_gold"])
    decl_p, decl_r, decl_f = prf(counts["decline_tp"], counts["decline_pred"], counts["decline_gold"])
    ent_p = _ratio(counts, "entity_pred_hit", "entity_pred")
    ent_r = _ratio(counts, "entity_tp", "entity_gold")
    ent_f = 2 * ent_p * ent_r / (ent_p + ent_r) if ent_p + ent_r else 0.0
    return {
        "articles": n_articles,
        "missing_records": n_missing,
        "quote_p": quote_p,
        "quote_r": quote_r,
        "quote_f1": quote_f,
        "attributed_p": attr_p,
        "attributed_r": attr_r,
        "attributed_f1": attr_f,
        "speaker_acc": _ratio(counts, "speaker_ok", "quote_tp"),
        "via_acc": _ratio(counts, "via_ok", "quote_tp"),
        "chain_acc": _ratio(counts, "chain_ok", "chain_gold"),
        "decline_p": decl_p,
        "decline_r": decl_r,
        "decline_f1": decl_f,
        "entity_p": ent_p,
        "entity_r": ent_r,
        "entity_f1": ent_f,
        "date_acc": _ratio(counts, "date_ok", "date_gold"),
        "counts": {k: int(v) for k, v in counts.items()},
    }


def score(golds: dict[str, Json], records: dict[str, Json], log: list[str] | None = None) -> Json:
    """Figures for records (by id) against gold articles (by id); a gold article with no record scores 0."""
    log = [] if log is None else log
    counts: Counter[str] = Counter()
    missing = 0
    for gold_id, gold in golds.items():
        record = records.get(gold_id)
        if record is None:
            missing += 1
            record = {}
        log.append(gold_id)
        score_article(gold, record, counts, log)
    return summarise(counts, len(golds), missing)


# --- files -----------------------------------------------------------------------------------------


def load_gold(folder: Path) -> tuple[dict[str, Json], list[Failure]]:
    """Gold articles by id from every ``*.json`` file in the folder, in file-name order."""
    golds: dict[str, Json] = {}
    failures: list[Failure] = []
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        if not path.name.endswith(".json") or not path.is_file():
            continue
        try:
            gold = json.loads(path.read_text(encoding="utf-8"))
            golds[str(gold["id"])] = gold
        except (OSError, UnicodeDecodeError, json.JSONDecodeError, TypeError, KeyError) as e:
            failures.append(Failure(str(path), f"not a gold article ({type(e).__name__}: {e})"))
    return golds, failures


def load_records(path: Path) -> tuple[dict[str, Json], list[Failure]]:
    """Records by id from a JSON Lines file; for a repeated id the last record wins."""
    records: dict[str, Json] = {}
    failures: list[Failure] = []
    with path.open(encoding="utf-8", errors="replace") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as e:
                failures.append(Failure(f"{path}:{number}", f"not JSON ({e.msg})"))
                continue
            if not isinstance(record, dict):
                failures.append(Failure(f"{path}:{number}", "not a JSON object"))
                continue
            records[str(record.get("id"))] = record
    return records, failures


def format_scores(scores: Json) -> str:
    """One ``name value`` line per figure, three decimals."""
    return "\n".join(
        f"{name:<16} {value:.3f}" if isinstance(value, float) else f"{name:<16} {value}"
        for name, value in scores.items()
        if name != "counts"
    )
