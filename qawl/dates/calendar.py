"""Calendar arithmetic for date expressions: ISO values at a precision, the nearest day,
month or year of a name to a reference date, and Hijri dates (Umm al-Qura, by hijridate).

Pure functions of their arguments; nothing here reads text.
"""

from __future__ import annotations

from datetime import date, timedelta

from hijridate import Gregorian, Hijri

# A resolved date: (precision, first day).  precision is "year", "month", "week" or "day".
Resolved = tuple[str, date]


def iso(value: Resolved) -> str:
    """The ISO 8601 text of a resolved date: 2016, 2016-07, 2016-W29 or 2016-07-16."""
    precision, d = value
    if precision == "year":
        return f"{d.year:04d}"
    if precision == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if precision == "week":
        y, w, _ = d.isocalendar()
        return f"{y:04d}-W{w:02d}"
    return d.isoformat()


def add_months(d: date, n: int) -> date:
    """The first day of the month ``n`` months after (or before) ``d``'s."""
    k = d.year * 12 + d.month - 1 + n
    return date(k // 12, k % 12 + 1, 1)


def shift(anchor: date, unit: str, n: int) -> Resolved | None:
    """``n`` units after ``anchor`` (before when negative), at the precision of the unit;
    None past the calendar's ends (منذ 2500 عام)."""
    try:
        if unit == "year":
            return "year", date(anchor.year + n, 1, 1)
        if unit == "month":
            return "month", add_months(anchor, n)
        if unit == "week":
            monday = anchor - timedelta(days=anchor.weekday())
            return "week", monday + timedelta(weeks=n)
        if unit == "hour":  # hours ago: the day of publication (its time of day is not known)
            return "day", anchor
        return "day", anchor + timedelta(days=n)
    except (ValueError, OverflowError):
        return None


def gregorian(year: int, month: int, day: int = 1) -> date | None:
    """The date, or None for one no calendar has (30 February, year 0)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def weekday_near(anchor: date, weekday: int, direction: str) -> date:
    """The day named ``weekday`` nearest ``anchor`` on its side: ``past`` on or before it,
    ``future`` on or after it, ``before``/``after`` strictly so (الخميس الماضي on a Thursday is
    a week back)."""
    back = (anchor.weekday() - weekday) % 7
    ahead = (weekday - anchor.weekday()) % 7
    if direction == "before":
        return anchor - timedelta(days=back or 7)
    if direction == "after":
        return anchor + timedelta(days=ahead or 7)
    if direction == "future":
        return anchor + timedelta(days=ahead)
    return anchor - timedelta(days=back)


def month_near(anchor: date, month: int, direction: str | None) -> date:
    """The first day of the month ``month`` nearest ``anchor``: of the last year before it
    (``past``), the next after it (``future``), of its own year (``current``), or the nearest
    of the three years around it, its own year on a tie."""
    this = date(anchor.year, month, 1)
    here = date(anchor.year, anchor.month, 1)
    if direction == "past":
        return this if this < here else date(anchor.year - 1, month, 1)
    if direction == "future":
        return this if this > here else date(anchor.year + 1, month, 1)
    if direction == "current":
        return this
    candidates = [date(anchor.year + k, month, 1) for k in (0, -1, 1)]
    return min(candidates, key=lambda c: abs(_months(c) - _months(here)))


def day_near(anchor: date, month: int, day: int, direction: str | None) -> date | None:
    """The date ``day`` ``month`` nearest ``anchor`` (on its side when ``direction`` says);
    None when no year has that day (30 February)."""
    options = []
    for k in (0, -1, 1):
        try:
            options.append(date(anchor.year + k, month, day))
        except ValueError:
            continue
    if direction == "past":
        options = [d for d in options if d < anchor]
    elif direction == "future":
        options = [d for d in options if d > anchor]
    elif direction == "current":
        options = [d for d in options if d.year == anchor.year]
    if not options:
        return None
    return min(options, key=lambda d: (abs((d - anchor).days), d.year != anchor.year))


def _months(d: date) -> int:
    return d.year * 12 + d.month


# --- Hijri --------------------------------------------------------------------------


def hijri_date(year: int, month: int, day: int) -> date | None:
    """The Gregorian date of a Hijri one (Umm al-Qura); None outside the calendar's range
    (1343–1500 AH) or for a day the month does not have."""
    try:
        g = Hijri(year, month, day).to_gregorian()
    except (OverflowError, ValueError):
        return None
    return date(g.year, g.month, g.day)


def hijri_month_days(year: int, month: int) -> int | None:
    try:
        return Hijri(year, month, 1).month_length()
    except (OverflowError, ValueError):
        return None


def hijri_of(d: date) -> tuple[int, int, int] | None:
    try:
        h = Gregorian(d.year, d.month, d.day).to_hijri()
    except (OverflowError, ValueError):
        return None
    return h.year, h.month, h.day


def hijri_month(year: int, month: int, part: str | None) -> Resolved | None:
    """A Hijri month as a Gregorian value.  A Hijri month straddles two Gregorian months, so
    with a part (مطلع رمضان، نهاية شهر رمضان) it names that day (the first, the 15th, the last);
    without one it is the Gregorian month holding its 15th day."""
    if part in ("start", "end", "middle"):
        last = hijri_month_days(year, month)
        if last is None:
            return None
        day = {"start": 1, "middle": 15, "end": last}[part]
        d = hijri_date(year, month, day)
        return ("day", d) if d else None
    d = hijri_date(year, month, 15)
    return ("month", d.replace(day=1)) if d else None


def hijri_year_near(anchor: date, month: int, day: int, direction: str | None) -> int | None:
    """The Hijri year whose ``day`` ``month`` is nearest ``anchor`` on its side."""
    h = hijri_of(anchor)
    if h is None:
        return None
    best: tuple[int, int] | None = None
    for y in (h[0], h[0] - 1, h[0] + 1):
        d = hijri_date(y, month, day)
        if d is None:
            continue
        if (direction == "past" and d >= anchor) or (direction == "future" and d <= anchor):
            continue
        distance = abs((d - anchor).days)
        if best is None or distance < best[0]:
            best = (distance, y)
    return best[1] if best else None


def hijri_year_value(year: int) -> Resolved | None:
    """A Hijri year alone: the Gregorian year holding most of it (the one of its middle)."""
    d = hijri_date(year, 7, 1)
    return ("year", date(d.year, 1, 1)) if d else None
