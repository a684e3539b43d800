"""Occasions: lunar and solar birthdays, Chinese and Western festivals by locale, custom dates."""

from datetime import date

import pytest

from domain.entities import Contact
from domain.occasions import (
    CustomDate,
    Occasion,
    easter,
    festival_kinds,
    festivals_in,
    lunar_day,
    occasions_between,
    solar_day,
    thanksgiving,
)


def _days(year: int) -> dict[str, date]:
    return dict(festivals_in(year))


def _kinds(occasions: list[Occasion]) -> set[str]:
    return {o.kind for o in occasions}


def test_2027_chinese_festivals_match_the_published_calendar() -> None:
    days = _days(2027)
    assert days["spring_festival"] == date(2027, 2, 6)
    assert days["chuxi"] == date(2027, 2, 5)
    assert days["lantern"] == date(2027, 2, 20)
    assert days["dragon_boat"] == date(2027, 6, 9)
    assert days["mid_autumn"] == date(2027, 9, 15)
    assert days["new_year"] == date(2027, 1, 1)


def test_chuxi_is_the_eve_of_spring_festival_even_without_a_lunar_12_30() -> None:
    assert lunar_day(2026, 12, 30) == date(2027, 2, 5)  # 腊月 of 2026 has 29 days: falls back to 廿九
    for year in range(2020, 2036):
        days = _days(year)
        assert (days["spring_festival"] - days["chuxi"]).days == 1


def test_2026_mid_autumn() -> None:
    assert _days(2026)["mid_autumn"] == date(2026, 9, 25)


def test_western_dates() -> None:
    assert easter(2027) == date(2027, 3, 28)
    assert [easter(y) for y in (2024, 2025, 2026)] == [date(2024, 3, 31), date(2025, 4, 20), date(2026, 4, 5)]
    assert thanksgiving(2026) == date(2026, 11, 26)
    assert thanksgiving(2027) == date(2027, 11, 25)
    assert _days(2026)["christmas"] == date(2026, 12, 25)


def test_festivals_in_is_sorted_by_date() -> None:
    days = [d for _, d in festivals_in(2027)]
    assert days == sorted(days)


def test_a_lunar_birthday_on_the_fifteenth_of_the_eighth_month_lands_on_mid_autumn_each_year() -> None:
    contact = Contact(1, "张伟", birthday="08-15", birthday_lunar=True)
    found = occasions_between(contact, date(2024, 1, 1), date(2035, 12, 31))
    birthdays = [o.day for o in found if o.kind == "birthday"]
    mid_autumns = [o.day for o in found if o.kind == "mid_autumn"]
    assert len(birthdays) == 12
    assert birthdays == mid_autumns
    assert {o.label for o in found if o.kind == "birthday"} == {"农历生日"}


def test_a_lunar_birthday_in_the_twelfth_month_can_fall_in_the_next_solar_year() -> None:
    contact = Contact(1, "李娜", birthday="12-20", birthday_lunar=True)
    found = occasions_between(contact, date(2027, 1, 1), date(2027, 1, 31))
    assert [o.day for o in found if o.kind == "birthday"] == [lunar_day(2026, 12, 20)]


def test_a_lunar_day_30_falls_back_to_29_in_a_short_month() -> None:
    contact = Contact(1, "李娜", birthday="12-30", birthday_lunar=True)
    found = occasions_between(contact, date(2027, 1, 1), date(2027, 12, 31))
    assert [o.day for o in found if o.kind == "birthday"] == [date(2027, 2, 5)]


@pytest.mark.parametrize("year", [2025, 2026, 2027, 2029])
def test_feb_29_birthdays_fall_on_feb_28_in_common_years(year: int) -> None:
    contact = Contact(1, "Amy Lee", birthday="02-29")
    found = occasions_between(contact, date(year, 1, 1), date(year, 12, 31))
    assert [o.day for o in found if o.kind == "birthday"] == [date(year, 2, 28)]


def test_feb_29_birthdays_stay_in_leap_years() -> None:
    found = occasions_between(Contact(1, "Amy Lee", birthday="02-29"), date(2028, 1, 1), date(2028, 12, 31))
    assert [o.day for o in found if o.kind == "birthday"] == [date(2028, 2, 29)]
    assert solar_day(2027, 2, 29) == date(2027, 2, 28)


def test_chinese_festivals_for_zh_or_unknown_locale_western_for_others() -> None:
    contact = Contact(7, "王磊", birthday="03-04")
    for locale in (None, "zh-CN", "zh-TW"):
        kinds = _kinds(occasions_between(contact, date(2027, 1, 1), date(2027, 12, 31), locale=locale))
        assert kinds == {"birthday", "new_year", "chuxi", "spring_festival", "lantern", "dragon_boat", "mid_autumn"}
    us = _kinds(occasions_between(contact, date(2027, 1, 1), date(2027, 12, 31), locale="en-US"))
    assert us == {"birthday", "new_year", "easter", "thanksgiving", "christmas"}
    for locale in ("en-GB", "de-DE"):
        assert "thanksgiving" not in festival_kinds(locale) and "christmas" in festival_kinds(locale)


def test_labels_follow_the_locale_and_occasions_are_sorted() -> None:
    contact = Contact(3, "Amy Lee", birthday="12-01")
    found = occasions_between(contact, date(2026, 11, 1), date(2026, 12, 31), locale="en-US")
    assert [(o.kind, o.day, o.label) for o in found] == [
        ("thanksgiving", date(2026, 11, 26), "Thanksgiving"),
        ("birthday", date(2026, 12, 1), "Birthday"),
        ("christmas", date(2026, 12, 25), "Christmas"),
    ]
    assert all(o.contact_id == 3 for o in found)


def test_the_range_is_inclusive_and_may_span_years() -> None:
    found = occasions_between(Contact(1, "张伟"), date(2026, 12, 31), date(2027, 1, 1))
    assert [(o.kind, o.day) for o in found] == [("new_year", date(2027, 1, 1))]


def test_custom_dates_anniversaries_and_promotions() -> None:
    extra = [
        CustomDate("work_anniversary", 3, 1, 2020, "入职五周年"),
        CustomDate("promotion", 6, 1, 2027, "升任CIO"),
        CustomDate("custom", 10, 8, None, "结婚纪念日"),
    ]
    found = [o for o in occasions_between(Contact(1, "张伟"), date(2020, 1, 1), date(2028, 12, 31), extra=extra)
             if o.kind in ("work_anniversary", "promotion", "custom")]
    anniversaries = [o.day for o in found if o.kind == "work_anniversary"]
    assert anniversaries == [date(y, 3, 1) for y in range(2021, 2029)]  # from the first anniversary on
    assert [o.day for o in found if o.kind == "promotion"] == [date(2027, 6, 1)]  # once
    assert len([o for o in found if o.kind == "custom"]) == 9  # every year
    assert {o.label for o in found if o.kind == "custom"} == {"结婚纪念日"}


def test_no_birthday_or_a_malformed_one_gives_no_birthday() -> None:
    for birthday in (None, "", "1990-08-15", "13-45"):
        found = occasions_between(Contact(1, "张伟", birthday=birthday), date(2027, 1, 1), date(2027, 12, 31))
        assert "birthday" not in _kinds(found)
