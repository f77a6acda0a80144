"""Date expressions in a Doc: where each one is and the day, month or year it names.

A reader walks the tokens once.  At a token that can open an expression it tries each
shape (a relative day, a weekday, a day and month, a period with its direction, a year,
a count of units ago, a numeric date), after an optional lead word (صباح، يوم، مطلع،
منتصف), and keeps the longest that resolves.  Relative expressions are resolved against
the publication date; without one only what the text fixes by itself is kept.  The words
come from ``data/``; the arithmetic from ``calendar``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from itertools import compress, count
from typing import TypeVar

from qawl.arabic.normalise import normalise
from qawl.arabic.token import column
from qawl.dates.calendar import (
    Resolved,
    add_months,
    day_near,
    gregorian,
    hijri_date,
    hijri_month,
    hijri_year_near,
    hijri_year_value,
    month_near,
    shift,
    weekday_near,
)
from qawl.dates.lexicon import DateLexicon, Key, Month, date_lexicon
from qawl.doc import Doc
from qawl.memo import memo

TANWEEN_FATH = "\u064b"
COMMAS = {"،", ","}
PAIR_MARKS = {"/", "-", "(", "\\"}
RANGE_MARKS = {"/", "-", "–", "_"}
IMPERFECTIVE_CLITICS = {"", "و", "ف", "ل", "ول", "فل"}
STEP = {"past": -1, "future": 1, "current": 0}  # units from the publication date
COVERS = {"day": ("day", "month", "year"), "month": ("month", "year"), "year": ("year",)}
CLAUSE_BACK = 8  # tokens before a bare weekday read for its tense
NUMERIC = re.compile(r"^(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})$")  # 2.8.2016 is one token
V = TypeVar("V")


@dataclass(slots=True)
class Expression:
    start: int  # token range [start, end)
    end: int
    cut: int  # folded characters of a clitic cut from the first token (وأمس -> أمس)
    value: Resolved


@dataclass(slots=True)
class _Match:
    end: int
    value: Resolved


@dataclass(slots=True)
class _Period:
    unit: str  # day | week | month | year
    way: str  # past | future | current (from publication) | after | before (the text's last)
    end: int
    said: bool  # a demonstrative or a direction says which one


def clitic_forms(word: str) -> list[tuple[int, str]]:
    """The word without a fused conjunction or preposition, and how many letters to cut from
    the expression's text: وأمس -> (1, أمس); بعام -> (1, عام).  للعام reads as العام but keeps
    its letters (ل and ال fused, with no letter of their own to cut)."""
    out: list[tuple[int, str]] = []
    i = 0
    if len(word) > 3 and word[0] in "وف":
        out.append((1, word[1:]))
        i = 1
    rest = word[i:]
    if len(rest) > 3 and rest.startswith("لل"):
        out.append((i, "ال" + rest[2:]))
    elif len(rest) > 3 and rest[0] in "بل":
        out.append((i + 1, rest[1:]))
    return out


@cache
def _opening(openers: frozenset[str]) -> Callable[[str], bool]:
    """Whether a date expression may begin with a word, with or without a fused clitic: one
    memory per word (a plain key, asked of every token of every article; news repeats its
    words)."""

    @memo(1 << 16)
    def opens(key: str) -> bool:
        if key in openers or key[:1].isdigit():
            return True
        return any(rest in openers for _, rest in clitic_forms(key))

    return opens


class Reader:
    """Reads the date expressions of one Doc; ``published`` anchors relative ones."""

    def __init__(
        self,
        doc: Doc,
        published: date | None,
        names: frozenset[int] = frozenset(),
        lexicon: DateLexicon | None = None,
    ) -> None:
        self.doc = doc
        self.names = names  # tokens of names the entity layer found: no verb among them (سيستوسو)
        self.keys = column(doc.tokens, "norm")
        self.lex = lexicon or date_lexicon()
        self.anchor = published
        self.last: dict[str, date] = {}  # unit -> the last date of that precision the text named

    # --- the walk ----------------------------------------------------------------

    def expressions(self) -> list[Expression]:
        out: list[Expression] = []
        end = 0  # tokens before this are read
        for i in list(compress(count(), map(_opening(self.lex.openers), self.keys))):  # read() rewrites a key
            if i < end:
                continue
            found = self.read(i)
            if found is not None:
                out.append(found)
                self._remember(found)
                end = found.end
        return out

    def _remember(self, found: Expression) -> None:
        precision, d = found.value
        for unit in COVERS.get(precision, ()):
            self.last[unit] = d

    def read(self, i: int) -> Expression | None:
        """The longest expression starting at token ``i`` (its first word read with and
        without a fused clitic), with or without a lead word (صباح، يوم، مطلع، منتصف)."""
        best: Expression | None = None
        word = self.keys[i]
        for cut, form in [(0, word), *clitic_forms(word)]:
            self.keys[i] = form
            try:
                starts: list[tuple[int, str | None]] = [(i, None)]
                if lead := self.phrase("part", i):
                    starts.append((lead[1], lead[0]))
                    if self.key_at(lead[1]) == "يوم" and self.key_at(lead[1] + 1) in ("في", "من"):
                        starts.append((lead[1] + 2, "day:" + lead[0]))  # آخر يوم في شهر رمضان
                if lead := self.phrase("time_of_day", i):
                    starts.append((lead[1], None))
                for j, part in starts:
                    shapes = [self.relative_day, self.weekday, self.date_core, self.period, self.year]
                    if j == i:
                        shapes += [self.ago, self.numeric]
                    for shape in shapes:
                        m = shape(j, part) if j < len(self.keys) else None
                        if m and (best is None or m.end > best.end):
                            best = Expression(i, m.end, cut, m.value)
            finally:
                self.keys[i] = word
        return best

    # --- look-ups ------------------------------------------------------------------

    def phrase(self, kind: str, i: int) -> tuple[str, int] | None:
        """(value, end) of the longest phrase of a word kind at token ``i``."""
        return self._longest(self.lex.kind(kind), self.lex.reach_of(kind), i)

    def month(self, i: int) -> tuple[Month, int] | None:
        return self._longest(self.lex.months, self.lex.reach_of("months"), i)

    def _longest(self, table: dict[Key, V], reach: dict[str, int], i: int) -> tuple[V, int] | None:
        """The value and end of the longest phrase of ``table`` at token ``i`` (``reach``: its
        first words, see ``DateLexicon.reach``)."""
        keys = self.keys
        if not 0 <= i < len(keys):
            return None  # past the last token (a phrase asked for after the end)
        for n in range(min(reach.get(keys[i], 0), len(keys) - i), 0, -1):
            k = tuple(keys[i : i + n])
            if k in table:
                return table[k], i + n
        return None

    def number(self, i: int) -> int | None:
        k = self.keys[i] if i < len(self.keys) else ""
        return int(k) if k.isdigit() and k.isascii() else None

    def key_at(self, i: int) -> str:
        return self.keys[i] if 0 <= i < len(self.keys) else ""

    # --- shapes ----------------------------------------------------------------------

    def relative_day(self, j: int, part: str | None) -> _Match | None:
        """أمس، اليوم الخميس، غداً، أول من أمس (after a lead: صباح أمس، يوم أمس)."""
        m = self.phrase("relative_day", j)
        if not m or part:
            return None
        offset, k = m
        word = self.keys[j]
        nxt = self.key_at(k)
        weekday = self.phrase("weekday", k)
        if word == "اليوم" and not weekday and not self._today(j, nxt):
            return None
        if word == "غدا" and not weekday and TANWEEN_FATH not in self.doc.tokens[j].text:
            if nxt.startswith("ال"):
                return None  # غدا الوضع أكثر سوءا: the verb "became"
        if word == "الغد" and (self.key_at(j - 1),) in self.lex.kind("name_before"):
            return None
        if self.anchor is None:
            return None
        moved = shift(self.anchor, "day", int(offset))
        if moved is None:
            return None
        day = moved[1]
        if not weekday:
            return _Match(k, ("day", day))
        # اليوم الاثنين in an article dated Tuesday: the text's weekday is the better witness
        # (feeds often date an article by another time zone's day).
        named = int(weekday[0])
        if day.weekday() != named:
            back = weekday_near(day, named, "past")
            ahead = weekday_near(day, named, "future")
            day = back if (day - back).days <= (ahead - day).days else ahead
        return _Match(weekday[1], ("day", day))

    def _today(self, j: int, nxt: str) -> bool:
        """اليوم as "today", not "the day" (اليوم التالي، اليوم العالمي، ذلك اليوم)."""
        if nxt.startswith("ال") or nxt in ("نفسه", "ذاته", "ذات", "نفس") or nxt[:1].isdigit():
            return False
        return self.key_at(j - 1) not in ("ذلك", "هذا", "ذات", "نفس", "تلك")

    def weekday(self, j: int, part: str | None) -> _Match | None:
        """الثلاثاء، يوم الأحد، الخميس الماضي, and a weekday before its date (الثلاثاء 12 حزيران)."""
        m = self.phrase("weekday", j)
        if not m or part:
            return None
        wd, k = m
        if (self.key_at(j - 1),) in self.lex.kind("name_before"):
            return None
        after = k + 1 if self.key_at(k) in COMMAS else k
        explicit = self.date_core(after, None)
        if explicit:
            return explicit
        if self.key_at(k) == "(" and (inside := self.date_core(k + 1, None)):
            return _Match(k, inside.value)  # يوم الثلاثاء (2 أكتوبر): the date in brackets is its own
        if self.anchor is None:
            return None
        direction = self.phrase("direction", k)
        if direction and direction[0] in ("past", "future"):
            side = "before" if direction[0] == "past" else "after"
            return _Match(direction[1], ("day", weekday_near(self.anchor, int(wd), side)))
        side = "future" if self.future_clause(j, k) else "past"
        return _Match(k, ("day", weekday_near(self.anchor, int(wd), side)))

    def future_clause(self, j: int, k: int) -> bool:
        """Whether the clause of a bare weekday speaks of what is to come.

        Before it, back to the أن/إن that opens its clause (and the words governing it): a
        future word (سوف، من المقرر، يعتزم), a verb with the future prefix س, or an
        imperfective verb (ينتخب المكسيكيون يوم الأحد; the perfective of past news has no such
        prefix).  Just after it, up to a comma or the أن/إن of reported content: a future word
        or prefix only (قالت، يوم السبت، إنها ستطرد: the saying was on Saturday)."""
        s, e = self.doc.sentence_of(j)
        comma = False  # past a comma only the sure signs count (سيزورون بريطانيا، يوم الاثنين)
        for t in range(j - 1, max(s, j - CLAUSE_BACK) - 1, -1):
            comma = comma or self.keys[t] in COMMAS
            if self._future_word(t, imperfective=not comma):
                return self.key_at(t - 1) != "لم"  # لم يعلن: the jussive of a past negation
            if self.keys[t] in ("ان", "لان", "بان"):  # من المقرر أن: the word that governs the clause
                return any(self._future_word(x) for x in range(max(s, t - 2), t))
        for t in range(k, min(e, k + 3)):
            if self.keys[t] in COMMAS or self.keys[t][:2] in ("ان", "لا"):
                break
            if self._future_word(t):
                return True
        return False

    def _future_word(self, t: int, imperfective: bool = False) -> bool:
        tok = self.doc.tokens[t]
        if (tok.norm,) in self.lex.kind("future"):
            return True
        if t in self.names:
            return False
        if tok.prefix.endswith("س"):
            return True
        # يتواجه، وينتخب: a word of four letters or more that opens with the imperfective ي
        return (
            imperfective
            and tok.prefix in IMPERFECTIVE_CLITICS
            and tok.stem.startswith("ي")
            and len(tok.stem) >= 4
            and (tok.stem,) not in self.lex.months
        )

    def day_number(self, j: int) -> tuple[int, int] | None:
        """(day, end) of a day of the month: 16, الـ24, الثالث, الحادي والعشرين."""
        n = self.number(j)
        if n is not None and 1 <= n <= 31 and len(self.keys[j]) <= 2:
            return n, j + 1
        if self.keys[j] == "ال" and (n := self.number(j + 1)) is not None and 1 <= n <= 31:
            return n, j + 2  # الـ24
        m = self.phrase("ordinal", j)
        if not m:
            return None
        value, k = m
        day = int(value)
        if day < 10 and self.key_at(k) in ("عشر", "عشره"):
            return 10 + day, k + 1
        nxt = self.key_at(k)
        if day < 10 and nxt.startswith("و") and nxt[1:] in ("العشرين", "الثلاثين"):
            return day + (20 if nxt[1:] == "العشرين" else 30), k + 1
        if day == 1 and self.keys[j] == "الحادي":
            return None  # الحادي alone is no day
        return day, k

    def date_core(self, j: int, part: str | None) -> _Match | None:
        """A day and a month, or a month, with a year or a direction: 16 يوليو/تموز الماضي،
        الثالث من آب/ أغسطس 2015، أيلول / سبتمبر 2017، منتصف آذار/مارس، 27 رمضان 1439هـ."""
        if j >= len(self.keys):
            return None
        k = j
        if self.keys[k] == "اليوم" and self.phrase("ordinal", k + 1):
            k += 1  # اليوم السابع والعشرين من شهر رمضان
        day = None
        dn = self.day_number(k)
        if dn:
            day, k = dn
            if self.key_at(k) == "من":
                k += 1
        shahr = self.key_at(k) == "شهر"
        if shahr:
            k += 1
        m = self.month(k)
        if not m:
            return self._day_of_period(day, k) if day is not None else None
        month, k = m
        paired = False
        if self.key_at(k) in PAIR_MARKS and (alt := self.month(k + 1)):
            k, paired = alt[1], True
            if self.key_at(k) == ")":
                k += 1
        elif alt := self.month(k):
            k, paired = alt[1], True
        year, era, direction, k = self._year_part(k)
        supported = day is not None or year is not None or paired or shahr or direction is not None or part
        if not month.alone and not supported:
            return None
        value = self._resolve(month, day, year, era, direction, part)
        return _Match(k, value) if value else None

    def _period_at(self, k: int) -> _Period | None:
        """A period word with what says which one: هذا العام، الشهر الماضي، العام التالي."""
        this = self.phrase("this", k)
        p = self.phrase("period", this[1] if this else k)
        if not p:
            return None
        unit, after = p
        direction = self.phrase("direction", after)
        way = "current" if this or not direction else direction[0]
        return _Period(unit, way, direction[1] if direction else after, bool(this or direction))

    def _day_of_period(self, day: int, k: int) -> _Match | None:
        """الثاني من الشهر الجاري: a day of a month named by its period word."""
        p = self._period_at(k)
        if self.anchor is None or not p or p.unit != "month" or p.way not in STEP:
            return None
        month = shift(self.anchor, "month", STEP[p.way])
        d = gregorian(month[1].year, month[1].month, day) if month else None
        return _Match(p.end, ("day", d)) if d else None

    def _year_part(self, k: int) -> tuple[int | None, str | None, str | None, int]:
        """What follows a month: (year, era, direction, end).  2016، عام 2014، من العام
        الماضي، الماضي، الجاري."""
        start = k
        if self.key_at(k) == "من":
            k += 1
        yw = self.phrase("year_word", k)
        at = yw[1] if yw else k
        y = self.number(at)
        if y is not None and len(self.keys[at]) == 4:
            era = self.phrase("era", at + 1)
            return y, era[0] if era else None, None, era[1] if era else at + 1
        p = self._period_at(k)  # (من) العام الماضي، من هذا العام
        if p and p.unit == "year" and p.way in STEP and self.anchor is not None:
            return self.anchor.year + STEP[p.way], None, None, p.end
        direction = self.phrase("direction", start)
        if direction and direction[0] in ("past", "future", "current"):
            return None, None, direction[0], direction[1]
        return None, None, None, start

    def _resolve(
        self,
        month: Month,
        day: int | None,
        year: int | None,
        era: str | None,
        direction: str | None,
        part: str | None,
    ) -> Resolved | None:
        hijri = month.calendar == "hijri" or era == "hijri"
        if hijri:
            if year is None:
                if self.anchor is None:
                    return None
                year = hijri_year_near(self.anchor, month.number, day or 15, direction)
                if year is None:
                    return None
            if day is not None:
                d = hijri_date(year, month.number, day)
                return ("day", d) if d else None
            return hijri_month(year, month.number, part.removeprefix("day:") if part else None)
        if year is not None:
            if (first := gregorian(year, month.number)) is None:
                return None
        elif self.anchor is None:
            return None
        elif day is not None:
            d = day_near(self.anchor, month.number, day, direction)
            return ("day", d) if d else None
        else:
            first = month_near(self.anchor, month.number, direction)
        if day is not None:
            d = gregorian(first.year, first.month, day)
            return ("day", d) if d else None
        if part and part.startswith("day:"):  # أول يوم من يناير، آخر يوم في ديسمبر
            last = add_months(first, 1) - timedelta(days=1)
            return "day", first if part == "day:start" else last
        return "month", first

    def period(self, j: int, part: str | None) -> _Match | None:
        """الشهر الماضي، هذا العام، العام الجاري، مطلع العام، الأسبوع المقبل، العام التالي."""
        p = self._period_at(j)
        if not p or p.unit == "day" or not (p.said or part):
            return None
        if p.way in ("after", "before"):
            base = self.last.get(p.unit)
            value = shift(base, p.unit, 1 if p.way == "after" else -1) if base else None
        elif self.anchor is not None:
            value = shift(self.anchor, p.unit, STEP[p.way])
        else:
            return None
        return _Match(p.end, value) if value else None

    def year(self, j: int, part: str | None) -> _Match | None:
        """عام 2016، العام 2000، سنة 1982، 1440هـ, and a bare year where a year is expected
        (في 2016، أوائل 2016، عامي 2015 و2016)."""
        yw = self.phrase("year_word", j)
        at = yw[1] if yw else j
        y = self.number(at)
        if y is None or len(self.keys[at]) != 4:
            return None
        era = self.phrase("era", at + 1)
        end = era[1] if era else at + 1
        if era and era[0] == "hijri":
            value = hijri_year_value(y)
            return _Match(end, value) if value else None
        if not 1000 <= y <= 2100:
            return None
        if not yw and not part and not era and (not 1900 <= y <= 2100 or self._count(j) or self._range(j)):
            return None
        return _Match(end, ("year", date(y, 1, 1)))

    def _count(self, j: int) -> bool:
        """A four-digit number that counts (نحو 2000، بين 2000 إلى 2500 ريال) is no year; in
        news most such numbers from 1900 to 2100 are years."""
        before = self.key_at(j - 1)
        if (before,) in self.lex.kind("count_before") or (
            before == "من" and (self.key_at(j - 2),) in self.lex.kind("count_before")
        ):
            return True
        counted = self.lex.kind("counted")
        for t in range(j + 1, min(len(self.keys), j + 4)):
            k = self.keys[t]
            if (k,) in counted or k == "%":
                return True
            if not (k in ("الي", "و", "-") or k.isdigit()):  # 2000 إلى 2500 ريال
                break
        return False

    def _range(self, j: int) -> bool:
        """2018/2019، (1975-1990): a range of years, which names no one year."""
        four = [
            self.key_at(j - 2).isdigit()
            and len(self.key_at(j - 2)) == 4
            and self.key_at(j - 1) in RANGE_MARKS,
            self.key_at(j + 2).isdigit()
            and len(self.key_at(j + 2)) == 4
            and self.key_at(j + 1) in RANGE_MARKS,
        ]
        return any(four)

    def ago(self, j: int, part: str | None) -> _Match | None:
        """منذ يومين، قبل 5 ساعات، منذ 36 عاما، قبل نحو عامين، بعد أسبوع."""
        a = self.phrase("ago", j)
        if not a or self.anchor is None:
            return None
        sign, k = a
        if self.phrase("approximately", k):
            k += 1
        count = self.number(k)
        if count is not None:
            k += 1
        else:
            word = self.phrase("number", k)
            if word:
                count, k = int(word[0]), word[1]
                nxt = self.key_at(k)
                if nxt.startswith("و") and (nxt[1:],) in self.lex.kind("number"):
                    count += int(self.lex.kind("number")[(nxt[1:],)])
                    k += 1
        unit = self.phrase("unit", k)
        if not unit:
            return None
        name, size = unit[0].split(":")
        if count is None:
            if size == "n":
                return None
            count = int(size)
        end = unit[1]
        nxt = self.key_at(end)
        if nxt == "من" and self.key_at(end + 1) != "الان":
            return None  # قبل يومين من الانتخابات: before an event, not before publication
        if name == "year" and self.number(end) is not None and len(self.keys[end]) == 4:
            return None  # منذ عام 2011: a year, read by year()
        value = shift(self.anchor, name, int(sign) * count)
        return _Match(end, value) if value else None

    def numeric(self, j: int, part: str | None) -> _Match | None:
        """2/8/2016, 2016-08-02, 2.8.2016: day, month and year in figures."""
        k = self.keys
        whole = NUMERIC.match(k[j])
        if whole:
            parts, end = [int(x) for x in whole.groups()], j + 1
            widths = [len(x) for x in whole.groups()]
        elif (
            j + 4 < len(k)
            and k[j + 1] in PAIR_MARKS
            and k[j + 3] == k[j + 1]
            and all(k[x].isdigit() and k[x].isascii() for x in (j, j + 2, j + 4))
        ):
            parts, end = [int(k[j]), int(k[j + 2]), int(k[j + 4])], j + 5
            widths = [len(k[j]), len(k[j + 2]), len(k[j + 4])]
        else:
            return None
        if widths[2] == 4:
            d, m, y = parts
        elif widths[0] == 4:
            y, m, d = parts
        else:
            return None
        era = self.phrase("era", end)
        if era:
            end = era[1]
        if (era and era[0] == "hijri") or (not era and 1300 <= y <= 1500):
            h = hijri_date(y, m, d)  # 30 / 9 / 1439هـ
            return _Match(end, ("day", h)) if h else None
        g = gregorian(y, m, d) if 1900 <= y <= 2100 else None
        return _Match(end, ("day", g)) if g else None


def start_offset(doc: Doc, expression: Expression) -> int:
    tok = doc.tokens[expression.start]
    if not expression.cut:
        return tok.start
    return tok.start + normalise(tok.text).offsets[expression.cut]
