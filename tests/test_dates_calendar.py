"""Calendar arithmetic: the nearest weekday, month and day to a reference date, and Hijri dates."""

from __future__ import annotations

from datetime import date

from qawl.dates.calendar import (
    day_near,
    hijri_date,
    hijri_month,
    hijri_year_near,
    iso,
    month_near,
    shift,
    weekday_near,
)

THURSDAY = date(2018, 9, 27)


def test_iso_at_each_precision() -> None:
    d = date(2016, 7, 16)
    assert [iso((p, d)) for p in ("year", "month", "week", "day")] == [
        "2016",
        "2016-07",
        "2016-W28",
        "2016-07-16",
    ]


def test_weekday_near_on_each_side() -> None:
    assert weekday_near(THURSDAY, 2, "past") == date(2018, 9, 26)  # الأربعاء
    assert weekday_near(THURSDAY, 4, "future") == date(2018, 9, 28)  # الجمعة
    assert weekday_near(THURSDAY, 3, "past") == THURSDAY  # الخميس: the day itself
    assert weekday_near(THURSDAY, 3, "before") == date(2018, 9, 20)  # الخميس الماضي
    assert weekday_near(THURSDAY, 3, "after") == date(2018, 10, 4)  # الخميس المقبل


def test_month_near_crosses_the_year() -> None:
    january = date(2018, 1, 10)
    assert month_near(january, 12, None) == date(2017, 12, 1)
    assert month_near(january, 3, None) == date(2018, 3, 1)
    assert month_near(date(2018, 8, 19), 8, "past") == date(2017, 8, 1)  # أغسطس الماضي in August
    assert month_near(date(2018, 8, 19), 7, "past") == date(2018, 7, 1)
    assert month_near(date(2018, 8, 19), 8, "future") == date(2019, 8, 1)


def test_day_near_and_an_impossible_day() -> None:
    assert day_near(date(2016, 8, 2), 7, 16, "past") == date(2016, 7, 16)
    assert day_near(date(2018, 1, 3), 12, 28, None) == date(2017, 12, 28)
    assert day_near(date(2018, 3, 1), 2, 30, None) is None


def test_shift_by_units() -> None:
    assert shift(date(2018, 9, 27), "year", -36) == ("year", date(1982, 1, 1))
    assert shift(date(2015, 7, 21), "month", -3) == ("month", date(2015, 4, 1))
    assert shift(date(2018, 3, 1), "day", -2) == ("day", date(2018, 2, 27))
    assert shift(date(2018, 3, 1), "hour", -5) == ("day", date(2018, 3, 1))


def test_hijri_dates_umm_al_qura() -> None:
    assert hijri_date(1439, 10, 10) == date(2018, 6, 24)  # 10 شوال 1439 هـ
    assert hijri_date(1200, 1, 1) is None  # outside the calendar's range
    # Ramadan 1436 ended on 16 July 2015; its 15th fell in July
    assert hijri_month(1436, 9, "end") == ("day", date(2015, 7, 16))
    assert hijri_month(1436, 9, None) == ("month", date(2015, 7, 1))
    assert hijri_year_near(date(2018, 6, 7), 9, 27, None) == 1439
