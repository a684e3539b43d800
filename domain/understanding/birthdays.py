"""Birthdays as MM-DD, solar or lunar (农历正月初八 → 01-08, lunar)."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from domain.understanding.numerals import to_int

_LUNAR_MONTHS = {"正": 1, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
                 "冬": 11, "十一": 11, "腊": 12, "十二": 12}
_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m}
_CUE = re.compile(r"生日|出生|生辰|\bbirthday\b|\bborn\b|\bb-?day\b", re.I | re.A)
_LUNAR = re.compile(r"农历|阴历|旧历|\blunar\b", re.I | re.A)
ZH_LUNAR_DATE = re.compile(r"(正|腊|冬|十[一二]?|[一二三四五六七八九])月(初[一二三四五六七八九十]|十[一二三四五六七八九]?|二十|廿[一二三四五六七八九]|"
                           r"三十|\d{1,2}(?:日|号)?)")
ZH_DATE = re.compile(r"(\d{1,2}|[一二三四五六七八九十]{1,3})月(\d{1,2}|[一二三四五六七八九十]{1,3})[日号]?")
EN_NAMED = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b|"
                      r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b",
                      re.I | re.A)
NUMERIC = re.compile(r"(?<![\d/.-])(\d{1,2})[/.-](\d{1,2})(?![\d/.-])")


@dataclass(frozen=True)
class Birthday:
    """A birthday as MM-DD and whether it is by the lunar calendar."""

    mmdd: str
    lunar: bool
    start: int
    end: int
    cue: int = 0  # where the word "birthday" is: its owner is the person named last before it


def _lunar_day(text: str) -> int:
    text = text.rstrip("日号")
    if text.startswith("初"):
        return to_int(text[1:])
    return to_int(text)


def _valid(month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= 31


def birthday_in(piece: str) -> Birthday | None:
    """The birthday a clause states, if it talks about a birthday."""
    cue = _CUE.search(piece)
    if not cue:
        return None
    lunar = _LUNAR.search(piece) is not None
    m = ZH_LUNAR_DATE.search(piece) if lunar else None
    if m:
        month, day = _LUNAR_MONTHS[m.group(1)], _lunar_day(m.group(2))
        return Birthday(f"{month:02d}-{day:02d}", True, m.start(), m.end(), cue.start()) if _valid(month, day) else None
    named = EN_NAMED.search(piece)
    if named:
        mon = (named.group(1) or named.group(4))[:3].lower()
        day = int(named.group(2) or named.group(3))
        return Birthday(f"{_MONTHS[mon]:02d}-{day:02d}", lunar, named.start(), named.end(), cue.start())
    for pattern in (ZH_DATE, NUMERIC):
        m = pattern.search(piece)
        if m:
            month, day = to_int(m.group(1)), to_int(m.group(2))
            if month > 12 >= day:
                month, day = day, month
            if _valid(month, day):
                return Birthday(f"{month:02d}-{day:02d}", lunar, m.start(), m.end(), cue.start())
    return None
