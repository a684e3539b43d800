"""Finding dates and clock times in Chinese and English text and resolving them against today."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from domain.understanding.numerals import to_int

Direction = Literal["past", "future", "either"]

_WD_ZH = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6, "末": 5}
_WD_EN = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m}
_REL_DAYS_ZH = {"大前天": -3, "前天": -2, "昨天": -1, "昨日": -1, "昨晚": -1, "今天": 0, "今日": 0, "今早": 0,
                "今晚": 0, "明天": 1, "明日": 1, "明早": 1, "明晚": 1, "后天": 2, "大后天": 3}
_REL_DAYS_EN = {"day before yesterday": -2, "yesterday": -1, "last night": -1, "today": 0, "tonight": 0,
                "this morning": 0, "this afternoon": 0, "this evening": 0, "day after tomorrow": 2,
                "tomorrow": 1}
_ZH_NUM = "零一二两三四五六七八九十廿"

ZH_REL = re.compile("|".join(sorted(_REL_DAYS_ZH, key=len, reverse=True)))
EN_REL = re.compile(r"\b(?:the\s+)?(" + "|".join(sorted(_REL_DAYS_EN, key=len, reverse=True)) + r")\b", re.I | re.A)
ZH_WEEKDAY = re.compile(r"(上上|下下|上个?|下个?|本|这个?)?(?:周|星期|礼拜)([一二三四五六日天末])")
EN_WEEKDAY = re.compile(
    r"\b(last|next|this|on|coming)?\s*(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|rsday|urday)?\b",
    re.I | re.A)
ZH_MONTH_DAY = re.compile(rf"(?:(\d{{4}})年)?(\d{{1,2}}|[{_ZH_NUM}]{{1,3}})月(\d{{1,2}}|[{_ZH_NUM}]{{1,3}})[日号]")
ZH_DAY_ONLY = re.compile(rf"(?<![月\d{_ZH_NUM}])(\d{{1,2}})号")
ZH_MONTH_END = re.compile(r"(下个?月|本月|这个月|\d{1,2}|[一二三四五六七八九十]{1,3})?(月底|月末|年底|年末)")
ZH_MONTH_PART = re.compile(r"(下个?月|本月|这个月|(?:\d{1,2}|[一二三四五六七八九十]{1,3})月)(上旬|中旬|下旬|初|中(?![心国文]))")
EN_MONTH_END = re.compile(r"\b(?:the\s+)?end\s+of\s+(?:the\s+)?(this\s+month|next\s+month|month|year|"
                          r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.I | re.A)
_MON = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
EN_MONTH_DAY = re.compile(rf"\b{_MON}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s*(\d{{4}}))?", re.I | re.A)
EN_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON}(?:\s+(\d{{4}}))?", re.I | re.A)
_EN_NUMS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "ten": 10}
_EN_N = r"(\d+|one|two|three|four|five|six|seven|ten|a)"
N_DAYS = re.compile(rf"(\d+|[{_ZH_NUM}]+)\s*天(前|后|之后|以后)|\b{_EN_N}\s+days?\s+(ago|from now)|\bin\s+{_EN_N}\s+days?\b",
                    re.I | re.A)

_AMPM_ZH = r"(上午|早上|早晨|中午|下午|晚上|傍晚|凌晨|今晚|明早|明晚)"
ZH_TIME = re.compile(
    rf"{_AMPM_ZH}?\s*(\d{{1,2}}|[{_ZH_NUM}]{{1,3}})\s*(?:点|時|时)(半|一刻|三刻|整|钟|(\d{{1,2}}分?|[{_ZH_NUM}]{{2,3}}分?|[{_ZH_NUM}]分))?"
    rf"|{_AMPM_ZH}?\s*(\d{{1,2}})[:：](\d{{2}})")
EN_TIME = re.compile(r"\b(\d{1,2})(?::(\d{2}))?\s*(a\.?m\.?|p\.?m\.?)(?![a-z])|\bat\s+(\d{1,2}):(\d{2})\b|\b(noon|midday)\b",
                     re.I | re.A)


@dataclass(frozen=True)
class DateHit:
    """A date expression: where it is and what it means read as past or as future."""

    start: int
    end: int
    past: date | None
    future: date | None
    direction: Direction

    def value(self, future: bool) -> date | None:
        """The date read in the given direction (falling back to the other reading)."""
        return (self.future or self.past) if future else (self.past or self.future)


@dataclass(frozen=True)
class TimeHit:
    """A clock time (HH:MM) and where it is."""

    start: int
    end: int
    hhmm: str


def _week_monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _weekday_hit(today: date, rel: str, wd: int, start: int, end: int) -> DateHit:
    monday = _week_monday(today)
    if rel in ("上", "上个", "上上"):
        weeks = -2 if rel == "上上" else -1
        return DateHit(start, end, monday + timedelta(weeks=weeks, days=wd), None, "past")
    if rel in ("下", "下个", "下下"):
        weeks = 2 if rel == "下下" else 1
        return DateHit(start, end, None, monday + timedelta(weeks=weeks, days=wd), "future")
    if rel in ("本", "这", "这个", "this"):
        d = monday + timedelta(days=wd)
        return DateHit(start, end, d if d <= today else None, d if d >= today else None, "either")
    back = (today.weekday() - wd) % 7
    ahead = (wd - today.weekday()) % 7 or 7
    past = today - timedelta(days=back)
    if rel == "last":
        return DateHit(start, end, past if back else today - timedelta(days=7), None, "past")
    if rel == "next":
        return DateHit(start, end, None, monday + timedelta(weeks=1, days=wd), "future")
    if rel == "coming":
        return DateHit(start, end, None, today + timedelta(days=ahead), "future")
    return DateHit(start, end, past, today + timedelta(days=ahead), "either")


def _month_day(today: date, year: int | None, month: int, day: int, start: int, end: int) -> DateHit | None:
    try:
        if year:
            d = date(year, month, day)
            return DateHit(start, end, d, d, "either")
        this = date(today.year, month, day)
    except ValueError:
        return None
    past = this if this <= today else this.replace(year=today.year - 1)
    fut = this if this >= today else this.replace(year=today.year + 1)
    return DateHit(start, end, past, fut, "either")


def _month_end(today: date, rel: str | None, what: str, start: int, end: int) -> DateHit:
    y, m = _target_month(today, rel, what)
    return DateHit(start, end, None, date(y, m, calendar.monthrange(y, m)[1]), "future")


def _month_part(today: date, m: re.Match[str]) -> DateHit:
    """下个月中旬 → the 15th of next month; 上旬 the 5th, 下旬 the 25th, 月初 the 3rd."""
    y, mo = _target_month(today, m.group(1)[:-1], "月")
    day = {"上旬": 5, "中旬": 15, "中": 15, "下旬": 25, "初": 3}[m.group(2)]
    d = date(y, mo, day)
    return DateHit(m.start(), m.end(), d if d <= today else None, d if d >= today else None,
                   "future" if d > today else "either")


def _target_month(today: date, rel: str | None, what: str) -> tuple[int, int]:
    y, m = today.year, today.month
    rel = (rel or "").lower()
    if what.startswith("年") or what == "year":
        m = 12
    elif rel.startswith(("下", "next")):
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    elif rel[:3] in _MONTHS:
        m = _MONTHS[rel[:3]]
    elif rel and rel[0].isdigit() or rel[:1] in "一二三四五六七八九十":
        m = to_int(rel)
    if not 1 <= m <= 12:
        m = today.month
    if (y, m) < (today.year, today.month):
        y += 1
    return y, m


def find_dates(text: str, today: date) -> list[DateHit]:
    """Every date expression in the text, left to right, without overlaps."""
    hits: list[DateHit] = []
    for m in ZH_REL.finditer(text):
        d = today + timedelta(days=_REL_DAYS_ZH[m.group()])
        hits.append(DateHit(m.start(), m.end(), d if d <= today else None, d if d >= today else None, "either"))
    for m in EN_REL.finditer(text):
        d = today + timedelta(days=_REL_DAYS_EN[" ".join(m.group(1).lower().split())])
        hits.append(DateHit(m.start(), m.end(), d if d <= today else None, d if d >= today else None, "either"))
    for m in ZH_WEEKDAY.finditer(text):
        hits.append(_weekday_hit(today, m.group(1) or "", _WD_ZH[m.group(2)], m.start(), m.end()))
    for m in EN_WEEKDAY.finditer(text):
        rel = (m.group(1) or "").lower()
        word = m.group(0)[len(m.group(1) or ""):].strip()
        if len(word) <= 4 and not word[0].isupper() and (word.lower() in ("sat", "sun", "wed") or not word.isalpha()):
            continue  # "sat down", "wed" in lower case are not days
        hits.append(_weekday_hit(today, rel, _WD_EN[m.group(2)[:3].lower()], m.start(), m.end()))
    hits += _absolute(text, today)
    return _without_overlaps(hits)


def _absolute(text: str, today: date) -> list[DateHit]:
    out: list[DateHit | None] = []
    for m in ZH_MONTH_DAY.finditer(text):
        year = int(m.group(1)) if m.group(1) else None
        out.append(_month_day(today, year, to_int(m.group(2)), to_int(m.group(3)), m.start(), m.end()))
    for m in ZH_DAY_ONLY.finditer(text):
        out.append(_month_day(today, None, today.month, int(m.group(1)), m.start(), m.end()))
    for m in ZH_MONTH_END.finditer(text):
        out.append(_month_end(today, m.group(1), m.group(2), m.start(), m.end()))
    for m in ZH_MONTH_PART.finditer(text):
        out.append(_month_part(today, m))
    for m in EN_MONTH_END.finditer(text):
        what = " ".join(m.group(1).lower().split())
        rel = what if what not in ("month", "year", "this month") else ""
        out.append(_month_end(today, rel, "year" if what == "year" else "month", m.start(), m.end()))
    for m in EN_MONTH_DAY.finditer(text):
        if not m.group(1)[0].isupper():
            continue
        year = int(m.group(3)) if m.group(3) else None
        out.append(_month_day(today, year, _MONTHS[m.group(1)[:3].lower()], int(m.group(2)), m.start(), m.end()))
    for m in EN_DAY_MONTH.finditer(text):
        if not m.group(2)[0].isupper():
            continue
        year = int(m.group(3)) if m.group(3) else None
        out.append(_month_day(today, year, _MONTHS[m.group(2)[:3].lower()], int(m.group(1)), m.start(), m.end()))
    for m in N_DAYS.finditer(text):
        out.append(_n_days(m, today))
    return [h for h in out if h is not None]


def _n_days(m: re.Match[str], today: date) -> DateHit:
    if m.group(1):
        n, back = to_int(m.group(1)), m.group(2) == "前"
    elif m.group(3):
        n, back = _en_int(m.group(3)), m.group(4).lower() == "ago"
    else:
        n, back = _en_int(m.group(5)), False
    d = today + timedelta(days=-n if back else n)
    return DateHit(m.start(), m.end(), d if back else None, None if back else d, "past" if back else "future")


def _en_int(word: str) -> int:
    return int(word) if word.isdigit() else _EN_NUMS[word.lower()]


def _without_overlaps(hits: list[DateHit]) -> list[DateHit]:
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    out: list[DateHit] = []
    for h in hits:
        if out and h.start < out[-1].end:
            continue
        out.append(h)
    return out


def find_times(text: str) -> list[TimeHit]:
    """Every clock time in the text as HH:MM."""
    out: list[TimeHit] = []
    for m in ZH_TIME.finditer(text):
        hhmm = _zh_time(m)
        if hhmm:
            out.append(TimeHit(m.start(), m.end(), hhmm))
    for m in EN_TIME.finditer(text):
        hhmm = _en_time(m)
        if hhmm:
            out.append(TimeHit(m.start(), m.end(), hhmm))
    out.sort(key=lambda t: (t.start, -t.end))
    return [t for i, t in enumerate(out) if not any(o.start <= t.start < o.end for o in out[:i])]


def _clock(hour: int, minute: int, part: str) -> str | None:
    if part in ("下午", "晚上", "傍晚", "今晚", "明晚", "pm") and hour < 12 or part == "中午" and hour < 3:
        hour += 12
    elif part == "am" and hour == 12:
        hour = 0
    if not (0 <= hour < 24 and 0 <= minute < 60):
        return None
    return f"{hour:02d}:{minute:02d}"


def _zh_time(m: re.Match[str]) -> str | None:
    if m.group(6):
        return _clock(int(m.group(6)), int(m.group(7)), m.group(5) or "")
    part, hour_s, tail = m.group(1) or "", m.group(2), m.group(3) or ""
    if not part and not tail and not hour_s.isdigit() and hour_s not in ("十", "十一", "十二", "两"):
        return None  # "一点" / "三点优势" are not clock times
    if not part and not tail and not re.match(r"\s*(?:[前后左右]|钟|开|到|见|在|之前)", m.string[m.end():m.end() + 2]):
        return None
    minute = {"半": 30, "一刻": 15, "三刻": 45}.get(tail, 0)
    if m.group(4):
        minute = to_int(m.group(4))
    return _clock(to_int(hour_s), minute, part)


def _en_time(m: re.Match[str]) -> str | None:
    if m.group(6):
        return "12:00"
    if m.group(4):
        return _clock(int(m.group(4)), int(m.group(5)), "")
    part = "pm" if m.group(3).lower().startswith("p") else "am"
    return _clock(int(m.group(1)), int(m.group(2) or 0), part)
