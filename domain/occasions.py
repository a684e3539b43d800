"""Occasions worth a greeting: birthdays (solar or lunar), festivals, anniversaries and custom dates.

Conventions, decided here once:

- A solar date of Feb 29 falls on Feb 28 in a non-leap year.
- A lunar birthday is converted year by year with lunardate. A lunar day 30 that the lunar month
  lacks that year (小月) falls back to day 29; a leap month (闰月) is ignored, so a birthday
  in 闰四月 is greeted in the ordinary 四月.
- 除夕 is the day before 正月初一, never "lunar 12/30" (some years have no 腊月三十).
- Audience by locale: a contact with a zh locale, or no locale at all (the product serves
  Chinese key accounts first), gets the Chinese festivals; any other locale (en-US, en-GB,
  de …) gets Christmas and Easter, and Thanksgiving only for US English ("en", "en-US").
  New Year (Jan 1) is for everyone. Contact has no locale field yet: `occasions_between` takes
  `locale=` and otherwise reads a `locale` attribute when the contact has one.
- A custom date without a year recurs every year. With a year, a work anniversary recurs
  every year after it; any other kind (a promotion, a one-off event) is that single date.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from lunardate import LunarDate

from domain.entities import Contact

CHINESE_FESTIVALS = ("spring_festival", "chuxi", "lantern", "dragon_boat", "mid_autumn")
WESTERN_FESTIVALS = ("christmas", "thanksgiving", "easter")
COMMON_FESTIVALS = ("new_year",)
RECURRING_WITH_YEAR = ("work_anniversary",)

LABELS: dict[str, tuple[str, str]] = {  # kind → (zh label, en label)
    "birthday": ("生日", "Birthday"),
    "lunar_birthday": ("农历生日", "Birthday (lunar calendar)"),
    "spring_festival": ("春节", "Spring Festival"),
    "chuxi": ("除夕", "Lunar New Year's Eve"),
    "lantern": ("元宵节", "Lantern Festival"),
    "dragon_boat": ("端午节", "Dragon Boat Festival"),
    "mid_autumn": ("中秋节", "Mid-Autumn Festival"),
    "new_year": ("元旦", "New Year's Day"),
    "christmas": ("圣诞节", "Christmas"),
    "thanksgiving": ("感恩节", "Thanksgiving"),
    "easter": ("复活节", "Easter"),
    "work_anniversary": ("工作周年", "Work anniversary"),
    "promotion": ("升职", "Promotion"),
}
_MMDD = re.compile(r"^\s*(\d{1,2})-(\d{1,2})\s*$")


@dataclass(frozen=True)
class Occasion:
    """One dated reason to greet one contact."""

    kind: str
    day: date
    contact_id: int
    label: str


@dataclass(frozen=True)
class CustomDate:
    """A dated event about a contact (work anniversary, promotion, anything the rep names)."""

    kind: str
    month: int
    day: int
    year: int | None = None
    label: str = ""
    lunar: bool = False


def solar_day(year: int, month: int, day: int) -> date | None:
    """The solar date month/day in `year` (Feb 29 → Feb 28 in a common year); None if invalid."""
    if month == 2 and day == 29 and not calendar.isleap(year):
        day = 28
    try:
        return date(year, month, day)
    except ValueError:
        return None


def lunar_day(year: int, month: int, day: int) -> date | None:
    """The solar date of lunar month/day in lunar `year` (day 30 → 29 when the month is short)."""
    for d in (day, 29) if day == 30 else (day,):
        try:
            return _to_solar(LunarDate(year, month, d))
        except ValueError:
            continue
    return None


def _from_solar(day: date) -> LunarDate:
    convert = getattr(LunarDate, "from_solar_date", None) or LunarDate.fromSolarDate  # lunardate < 0.3
    moon: LunarDate = convert(day.year, day.month, day.day)
    return moon


def _to_solar(value: LunarDate) -> date:
    convert = getattr(value, "to_solar_date", None) or value.toSolarDate  # lunardate < 0.3 lacks the new name
    result: date = convert()
    return result


def easter(year: int) -> date:
    """Western (Gregorian) Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


def thanksgiving(year: int) -> date:
    """US Thanksgiving: the fourth Thursday of November."""
    first = date(year, 11, 1)
    return first + timedelta(days=(3 - first.weekday()) % 7 + 21)


@lru_cache(maxsize=8)
def festivals_in(year: int) -> tuple[tuple[str, date], ...]:
    """Every festival Rapport knows in the solar `year`, Chinese and Western, by date."""
    spring = lunar_day(year, 1, 1)
    found: list[tuple[str, date | None]] = [
        ("new_year", date(year, 1, 1)),
        ("chuxi", spring - timedelta(days=1) if spring else None),
        ("spring_festival", spring),
        ("lantern", lunar_day(year, 1, 15)),
        ("dragon_boat", lunar_day(year, 5, 5)),
        ("mid_autumn", lunar_day(year, 8, 15)),
        ("easter", easter(year)),
        ("thanksgiving", thanksgiving(year)),
        ("christmas", date(year, 12, 25)),
    ]
    return tuple(sorted(((k, d) for k, d in found if d is not None), key=lambda kd: kd[1]))


def is_chinese_audience(locale: str | None) -> bool:
    """A zh locale, or none known, calls for the Chinese festivals; anything else for Western ones."""
    return not locale or locale.strip().lower().startswith("zh")


def festival_kinds(locale: str | None) -> tuple[str, ...]:
    """The festival kinds a contact with this locale is greeted for."""
    if is_chinese_audience(locale):
        return CHINESE_FESTIVALS + COMMON_FESTIVALS
    value = (locale or "").strip().lower().replace("_", "-")
    western = WESTERN_FESTIVALS if value in ("en", "en-us") else ("christmas", "easter")
    return western + COMMON_FESTIVALS


def label_for(kind: str, locale: str | None) -> str:
    """The occasion's name in the contact's language ("中秋节", "Thanksgiving")."""
    return _label(kind, locale)


def _label(kind: str, locale: str | None) -> str:
    zh, en = LABELS.get(kind, (kind, kind))
    return zh if is_chinese_audience(locale) else en


def _years(start: date, end: date, back: int = 0) -> range:
    return range(start.year - back, end.year + 1)


def _birthdays(contact: Contact, start: date, end: date) -> Iterator[date]:
    m = _MMDD.match(contact.birthday or "")
    if not m:
        return
    month, day = int(m.group(1)), int(m.group(2))
    if contact.birthday_lunar:  # lunar year Y's 腊月 can fall in solar Y+1
        yield from (d for d in (lunar_day(y, month, day) for y in _years(start, end, back=1)) if d)
    else:
        yield from (d for d in (solar_day(y, month, day) for y in _years(start, end)) if d)


def _recurs_in(item: CustomDate, year: int) -> bool:
    if item.year is None:
        return True
    return year > item.year if item.kind in RECURRING_WITH_YEAR else year == item.year


def _custom(item: CustomDate, start: date, end: date) -> Iterator[date]:
    convert = lunar_day if item.lunar else solar_day
    days = (convert(y, item.month, item.day) for y in _years(start, end, back=int(item.lunar)) if _recurs_in(item, y))
    yield from (d for d in days if d)


@dataclass(frozen=True)
class DayKeys:
    """What falls on one solar day: the month-day pairs of solar and of lunar dates, and the festivals.

    The inverse of `occasions_between`, so the worker can ask the store "whose birthday is on
    this day" by index instead of walking every contact's calendar."""

    day: date
    solar: frozenset[tuple[int, int]]
    lunar: frozenset[tuple[int, int]]
    festivals: tuple[str, ...]

    def spellings(self, lunar: bool) -> list[str]:
        """Every way a stored "MM-DD" birthday on this day may be written ("03-08", "3-8" …)."""
        pairs = self.lunar if lunar else self.solar
        return sorted({f"{m:{a}}-{d:{b}}" for m, d in pairs for a in ("02d", "d") for b in ("02d", "d")})


@lru_cache(maxsize=64)
def keys_on(day: date) -> DayKeys:
    """The dates that land on `day` by this module's conventions (Feb 29, lunar day 30, leap months)."""
    solar = {(day.month, day.day)} | ({(2, 29)} if (day.month, day.day) == (2, 28) and not calendar.isleap(day.year)
                                      else set())
    lunar: set[tuple[int, int]] = set()
    moon = _from_solar(day)
    leap = moon.is_leap_month if hasattr(moon, "is_leap_month") else moon.isLeapMonth  # lunardate < 0.3
    if not leap:
        lunar.add((moon.month, moon.day))
        if moon.day == 29 and lunar_day(moon.year, moon.month, 30) == day:
            lunar.add((moon.month, 30))
    festivals = tuple(k for k, d in festivals_in(day.year) if d == day)
    return DayKeys(day, frozenset(solar), frozenset(lunar), festivals)


def recurs_in(item: CustomDate, year: int) -> bool:
    """Whether a custom date is greeted in `year` (see the module's conventions)."""
    return _recurs_in(item, year)


def occasions_between(contact: Contact, start: date, end: date, *, extra: Sequence[CustomDate] = (),
                      locale: str | None = None) -> list[Occasion]:
    """The contact's occasions from `start` to `end` inclusive, by date, for the contact's `locale`."""
    locale = locale if locale is not None else getattr(contact, "locale", None)
    birthday = _label("lunar_birthday" if contact.birthday_lunar else "birthday", locale)
    out = [Occasion("birthday", d, contact.id, birthday) for d in _birthdays(contact, start, end)]
    kinds = festival_kinds(locale)
    out += [Occasion(k, d, contact.id, _label(k, locale)) for y in _years(start, end) for k, d in festivals_in(y)
            if k in kinds]
    out = [o for o in out if start <= o.day <= end]
    for item in extra:
        label = item.label or _label(item.kind, locale)
        out += [Occasion(item.kind, d, contact.id, label) for d in _custom(item, start, end) if start <= d <= end]
    return sorted(out, key=lambda o: (o.day, o.kind))
