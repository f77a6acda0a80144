"""The data files of date expressions read whole and consistently."""

from __future__ import annotations

from qawl.dates.lexicon import date_lexicon, key


def test_every_month_of_both_calendars_has_a_name() -> None:
    months = date_lexicon().months
    for calendar in ("gregorian", "hijri"):
        assert {m.number for m in months.values() if m.calendar == calendar} == set(range(1, 13))


def test_the_three_gregorian_systems_and_the_maghreb_names() -> None:
    months = date_lexicon().months
    for name, number in (("يوليو", 7), ("تموز", 7), ("جويلية", 7), ("كانون الثاني", 1), ("أوت", 8)):
        assert months[key(name)].number == number


def test_weekdays_are_seven_and_numbered_like_python() -> None:
    weekdays = date_lexicon().kind("weekday")
    assert sorted(set(weekdays.values())) == [str(n) for n in range(7)]
    assert weekdays[key("الاثنين")] == "0" and weekdays[key("الأحد")] == "6"


def test_units_say_their_count() -> None:
    units = date_lexicon().kind("unit")
    assert (
        units[key("يومين")] == "day:2" and units[key("عام")] == "year:1" and units[key("سنوات")] == "year:n"
    )


def test_each_first_word_reaches_as_far_as_its_longest_phrase() -> None:
    lex = date_lexicon()
    assert lex.reach_of("months")[key("كانون")[0]] == 2  # كانون الثاني
    for name, table in [("months", lex.months), *lex.words.items()]:
        reach = lex.reach_of(name)
        assert set(reach) == {k[0] for k in table}
        assert all(len(k) <= reach[k[0]] for k in table)
        assert all(any(len(k) == n and k[0] == w for k in table) for w, n in reach.items())
    assert lex.reach_of("no such kind") == {}
