"""When something happened, to the precision the text gives: a day, a month or only a year.

Dates elsewhere in a log are days ("3月5日", "last Monday"); a career is told in coarser words —
上个月, 2019年6月, March 2018, 五年前, last week — and the precision matters: a month known is
dated on its 1st, a year alone is kept as a year. A month without a year is the latest one not
after today (a March said in December is this year's, in February last year's).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from domain.understanding.dates import find_dates
from domain.understanding.numerals import to_int

_ZH_N = r"(\d{1,2}|[一二两三四五六七八九十]{1,3})"
_EN_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
             "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20}
_EN_N = r"(\d{1,2}|" + "|".join(_EN_WORDS) + ")"
_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m}
_MON = r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"

_ZH_YEAR_MONTH = re.compile(rf"((?:19|20)\d\d)\s*年(?:{_ZH_N}月(?:{_ZH_N}[日号])?)?")
_ZH_MONTH = re.compile(r"(?<![\d年上下本这个])(?<![一二两三四五六七八九十])(\d{1,2}|[一二三四五六七八九十]{1,3})月份?(?![\d一二三四五六七八九十]*[日号])")
_EN_MONTH_YEAR = re.compile(rf"\b{_MON}(?:\s+|,\s*|\s+of\s+)((?:19|20)\d\d)\b")
_EN_YEAR = re.compile(r"\b(?:in|since|back\s+in|early|late|mid-?)\s+((?:19|20)\d\d)\b", re.I)
_EN_MONTH = re.compile(rf"\b(?i:in|since|back\s+in|early|late|mid-?|last|this)\s+{_MON}(?!\s+\d)")
_DAY_ONLY_PARTS = re.compile(r"底|末|旬|初|中|end", re.I)

_RELATIVE_MONTHS = {"上上个月": -2, "上上月": -2, "上个月": -1, "上月": -1, "本月": 0, "这个月": 0, "这月": 0, "下个月": 1,
                    "下月": 1, "last month": -1, "this month": 0, "earlier this month": 0, "next month": 1}
_RELATIVE_YEARS = {"前年": -2, "去年": -1, "今年": 0, "last year": -1, "this year": 0, "earlier this year": 0}
_RELATIVE_WEEKS = {"上上周": -2, "上周": -1, "上个星期": -1, "上星期": -1, "上个礼拜": -1, "上礼拜": -1, "本周": 0,
                   "这周": 0, "这个星期": 0, "last week": -1, "this week": 0, "earlier this week": 0}
_RELATIVE = re.compile("|".join(sorted(map(re.escape, {*_RELATIVE_MONTHS, *_RELATIVE_YEARS, *_RELATIVE_WEEKS}),
                                       key=len, reverse=True)), re.I)
_AGO = re.compile(rf"{_ZH_N}\s*(个多?月|个?星期|周|年)(?:多)?前|\b{_EN_N}\s+(months?|weeks?|years?)\s+ago\b", re.I)
_ZH_YEARS = re.compile(rf"(?<![\d年]){_ZH_N}\s*(?:多|个)?年(?![级月底末初代后内度前])")
_EN_YEARS = re.compile(rf"\b{_EN_N}\s+(?:\+\s*)?years?\b(?!\s+ago)", re.I)


@dataclass(frozen=True)
class Period:
    """A date known to a year, a month or a day; what is not known is None."""

    year: int | None
    month: int | None = None
    day: int | None = None

    def first_day(self) -> date:
        """The period's first day (a month known → its 1st)."""
        return date(self.year or 1, self.month or 1, self.day or 1)

    @staticmethod
    def of(day: date) -> Period:
        """The period of one known day."""
        return Period(day.year, day.month, day.day)


def period_in(text: str, today: date) -> Period | None:
    """The most precise time the text gives, read as past unless it says otherwise; None when it gives none."""
    for read in (_year_month, _day, _relative, _ago, _span):
        found = read(text, today)
        if found is not None:
            return found
    return None


def _day(text: str, today: date) -> Period | None:
    for hit in find_dates(text, today):
        if not _DAY_ONLY_PARTS.search(text[hit.start:hit.end]):
            on = hit.value(future=False)
            return Period.of(on) if on else None
    return None


def _year_month(text: str, today: date) -> Period | None:
    if m := _ZH_YEAR_MONTH.search(text):
        day = to_int(m.group(3)) if m.group(3) else None
        return _valid(int(m.group(1)), to_int(m.group(2)) if m.group(2) else None, day)
    if m := _EN_MONTH_YEAR.search(text):
        return _valid(int(m.group(2)), _MONTHS[m.group(1)[:3].lower()])
    if m := _EN_YEAR.search(text):
        return Period(int(m.group(1)))
    m_zh, m_en = _ZH_MONTH.search(text), _EN_MONTH.search(text)
    if m_zh or m_en:
        month = to_int(m_zh.group(1)) if m_zh else _MONTHS[m_en.group(1)[:3].lower()] if m_en else 0
        return _valid(today.year if month <= today.month else today.year - 1, month)
    return None


def _valid(year: int, month: int | None, day: int | None = None) -> Period | None:
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None and month is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return Period(year, month, day)


def _relative(text: str, today: date) -> Period | None:
    m = _RELATIVE.search(text)
    if m is None:
        return None
    word = " ".join(m.group().lower().split())
    if word in _RELATIVE_MONTHS:
        return _months_from(today, _RELATIVE_MONTHS[word])
    if word in _RELATIVE_YEARS:
        return Period(today.year + _RELATIVE_YEARS[word])
    return Period.of(today - timedelta(days=today.weekday()) + timedelta(weeks=_RELATIVE_WEEKS[word]))


def _months_from(today: date, n: int) -> Period:
    index = today.year * 12 + today.month - 1 + n
    return Period(index // 12, index % 12 + 1)


def _ago(text: str, today: date) -> Period | None:
    m = _AGO.search(text)
    if m is None:
        return None
    n = _number(m.group(1) or m.group(3))
    unit = (m.group(2) or m.group(4)).lower()
    if "月" in unit or unit.startswith("month"):
        return _months_from(today, -n)
    if "年" in unit or unit.startswith("year"):
        return Period(today.year - n)
    return Period.of(today - timedelta(weeks=n))


def _span(text: str, today: date) -> Period | None:
    """"入职五年了", "for 8 years": the year that many years back."""
    m = _ZH_YEARS.search(text) or _EN_YEARS.search(text)
    return Period(today.year - _number(m.group(1))) if m else None


def _number(word: str) -> int:
    return _EN_WORDS.get(word.lower()) or to_int(word)
