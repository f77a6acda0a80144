"""The statement lexicon: reporting verbs, source phrases, declines and function words.

Read once from the data files beside this module (each says where it came from) into
folded forms (qawl.arabic.normalise.fold), so matching is a dictionary look-up on
``Token.norm``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from qawl.arabic.normalise import fold

PREFIXES = ("", "و", "ف")


@dataclass(frozen=True, slots=True)
class CueForm:
    lemma: str
    preps: frozenset[str]  # folded prepositions that introduce content after this verb
    participle: bool  # مضيفا: continues the statement of the clause before it
    feminine: bool
    plural: bool


@dataclass(frozen=True, slots=True)
class Lexicon:
    verbs: dict[str, CueForm]
    sources: dict[str, list[tuple[str, ...]]]  # first token -> token sequences
    decline_verbs: dict[str, list[tuple[str, ...]]]
    decline_objects: list[tuple[str, ...]]
    decline_alone: frozenset[tuple[str, ...]]  # verbs that decline with no object (لم يعلق)
    complementisers: frozenset[str]
    quoting: frozenset[str]
    adverbials: frozenset[str]
    adverbs: frozenset[str]
    transmit: frozenset[str]
    pointers: frozenset[str]
    not_content_start: frozenset[str]
    same_source: frozenset[str]
    ambiguous_forms: frozenset[str]
    adverbials2: frozenset[tuple[str, str]]
    events: frozenset[str]
    stops: frozenset[str]
    object_verbs: frozenset[str]  # lemmas
    comp_only: frozenset[str]  # lemmas
    clause_openers: frozenset[str]
    not_b_content: frozenset[str]
    np_content: frozenset[str]  # lemmas
    view_nouns: frozenset[str]
    clause_breaks: frozenset[tuple[str, ...]]
    sentence_breaks: frozenset[tuple[str, ...]]
    sentence_break_unless: frozenset[str]
    authorial: frozenset[str]
    disclosure: frozenset[str]
    cue_starts: frozenset[str] = frozenset()  # the words a cue can begin with: verbs, sources, declines


def _lines(name: str) -> list[str]:
    text = resources.files("qawl.quotes").joinpath("data", name).read_text(encoding="utf-8")
    return [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


def _seq(phrase: str) -> tuple[str, ...]:
    return tuple(fold(w) for w in phrase.split())


OBJECT_SUFFIXES = ("ه", "ها", "هم", "هما")


def _inflections(form: str, participle: bool, takes_object: bool) -> list[str]:
    """The forms a listed one stands for: with the future س (سيقول), with an object
    pronoun for verbs that take one (وصفه، اتهمته، وصفتها; not رده، قوله: nouns too),
    and a participle's feminine and plural (مجددة، مجددين)."""
    out = [form]
    if participle:
        if form.endswith("ا"):
            out += [form[:-1] + "ه", form[:-1] + "ين"]
        return out
    if form[:1] in ("ي", "ت", "ن"):
        out.append("س" + form)
    if takes_object and not form.endswith(("ا", "و", "وا")):
        out += [form + s for s in OBJECT_SUFFIXES]
    return out


def _feminine(form: str, participle: bool, lemma: str) -> bool:
    """قالت، تقول، مضيفة: the verb agrees with a feminine subject (not تابع، تحدث: past
    tense verbs whose stem begins with ت; their present is تتابع)."""
    if participle:
        return form.endswith(("ه", "تين", "ات"))
    present = form.startswith("تت") if lemma.startswith("ت") else form.startswith("ت")
    return form.endswith(("ت", "تا")) or present


def _plural(form: str) -> bool:
    """قالوا، يقولون، مضيفين: the verb agrees with a plural subject."""
    return form.endswith(("وا", "ون", "ين", "ات", "ن")) and len(form) > 3


def _add_prefixed(table: dict[str, list[tuple[str, ...]]], seq: tuple[str, ...]) -> None:
    for p in PREFIXES:
        s = (p + seq[0], *seq[1:])
        table.setdefault(s[0], [])
        if s not in table[s[0]]:
            table[s[0]].append(s)
    for lst in table.values():
        lst.sort(key=len, reverse=True)


@cache
def lexicon() -> Lexicon:
    verbs: dict[str, CueForm] = {}
    grammar = {}
    for line in _lines("grammar.tsv"):
        role, words = line.split("\t")
        grammar[role] = words.split()

    def folded(role: str) -> frozenset[str]:
        return frozenset(fold(w) for w in grammar[role])

    def sequences(role: str) -> frozenset[tuple[str, ...]]:  # words joined by _ (من_جهة)
        return frozenset(tuple(fold(x) for x in w.split("_")) for w in grammar[role])

    object_verbs = folded("object_verb")
    for line in _lines("cues.tsv"):
        lemma, preps, finite, participle = (line.split("\t") + ["-"] * 4)[:4]
        prep_set = frozenset() if preps.strip() == "-" else frozenset(fold(p) for p in preps.split())
        for forms, is_part in ((finite, False), (participle, True)):
            if forms.strip() == "-":
                continue
            base = fold(lemma)
            for written in forms.split():
                for f in _inflections(fold(written), is_part, base in object_verbs):
                    cue = CueForm(base, prep_set, is_part, _feminine(f, is_part, lemma), _plural(f))
                    for p in PREFIXES:
                        verbs.setdefault(p + f, cue)
    sources: dict[str, list[tuple[str, ...]]] = {}
    for line in _lines("sources.tsv"):
        _add_prefixed(sources, _seq(line))
    decline_verbs: dict[str, list[tuple[str, ...]]] = {}
    objects: list[tuple[str, ...]] = []
    alone: set[tuple[str, ...]] = set()
    for line in _lines("declines.tsv"):
        vs, objs = line.split("\t")
        for v in vs.split("|"):
            _add_prefixed(decline_verbs, _seq(v))
            if objs.strip() == "-":
                alone.update((p + _seq(v)[0], *_seq(v)[1:]) for p in PREFIXES)
        if objs.strip() != "-":
            objects.extend(_seq(o) for o in objs.split("|"))
    objects.sort(key=len, reverse=True)
    return Lexicon(
        verbs=verbs,
        sources=sources,
        decline_verbs=decline_verbs,
        decline_objects=objects,
        decline_alone=frozenset(alone),
        complementisers=folded("complementiser"),
        quoting=folded("quoting"),
        adverbials=folded("adverbial") | folded("adverb"),
        adverbs=folded("adverb"),
        transmit=folded("transmit"),
        pointers=folded("pointer"),
        not_content_start=folded("not_content_start"),
        same_source=folded("same_source"),
        ambiguous_forms=folded("ambiguous_form"),
        adverbials2=sequences("adverbial2"),
        events=folded("event"),
        stops=frozenset(grammar["stop"]),
        object_verbs=object_verbs,
        comp_only=folded("comp_only"),
        clause_openers=folded("clause_opener"),
        not_b_content=folded("not_b_content"),
        np_content=folded("np_content"),
        view_nouns=folded("view_noun"),
        clause_breaks=sequences("clause_break"),
        sentence_breaks=sequences("sentence_break"),
        sentence_break_unless=folded("sentence_break_unless"),
        authorial=folded("authorial"),
        disclosure=folded("disclosure"),
        cue_starts=frozenset(verbs) | frozenset(sources) | frozenset(decline_verbs),
    )
