"""Working time of a queue: its weekly hours, holidays and make-up days (调休), in its own time zone.

A service level counts only working hours: a request raised on Friday at 17:00 with four working
hours to be accepted is due on Monday at noon, not on Friday night. Hours are wall-clock times in the
queue's zone and instants are UTC, so a day of a clock change still starts at 09:00 local time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
CLOSED_WORDS = ("", "closed", "休息")
_SPAN = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")
# A calendar with every day closed would never reach the end of a service level: give up after this.
_HORIZON_DAYS = 3 * 366

Span = tuple[time, time | None]  # end None: midnight at the end of the day ("24:00")


@dataclass(frozen=True)
class WorkingCalendar:
    """When a queue works: spans per weekday (Monday first), holidays off, make-up days on, in one zone."""

    zone: str
    weekly: tuple[tuple[Span, ...], ...]
    holidays: frozenset[date] = frozenset()
    makeup_days: Mapping[date, tuple[Span, ...]] = field(default_factory=dict)

    def spans_on(self, day: date) -> tuple[Span, ...]:
        """The working spans of one local day: none on a holiday, a make-up day's own, else the weekday's."""
        if day in self.holidays:
            return ()
        if day in self.makeup_days:
            return self.makeup_days[day]
        return self.weekly[day.weekday()]


def parse_spans(text: str) -> tuple[Span, ...]:
    """Spans of one day as an admin writes them: "09:00-18:00", "09:00-12:00, 13:30-18:00" or "closed"."""
    if text.strip().casefold() in CLOSED_WORDS:
        return ()
    spans = tuple(_parse_span(part) for part in text.split(","))
    for (_, end), (start, _) in zip(spans, spans[1:], strict=False):
        if end is None or end > start:
            raise ValueError(f"spans of {text!r} overlap or are out of order")
    return spans


def _parse_span(part: str) -> Span:
    m = _SPAN.match(part)
    if not m:
        raise ValueError(f"{part.strip()!r} is not a span like 09:00-18:00")
    h1, m1, h2, m2 = (int(g) for g in m.groups())
    if h1 > 23 or m1 > 59 or h2 > 24 or m2 > 59 or (h2 == 24 and m2):
        raise ValueError(f"{part.strip()!r} is not a time of day")
    start, end = time(h1, m1), (None if h2 == 24 else time(h2, m2))
    if end is not None and end <= start:
        raise ValueError(f"{part.strip()!r} ends before it starts (a span cannot cross midnight)")
    return start, end


def standard_calendar(zone: str, hours: str = "09:00-18:00") -> WorkingCalendar:
    """Monday to Friday at the same hours, weekends closed, no holidays."""
    spans = parse_spans(hours)
    return WorkingCalendar(zone=zone, weekly=(spans,) * 5 + ((), ()))


def add_working_hours(start: datetime, hours: float, calendar: WorkingCalendar) -> datetime:
    """The UTC instant that many working hours after start: nights, weekends and holidays do not count."""
    if hours < 0:
        raise ValueError("working hours to add cannot be negative")
    left = timedelta(hours=hours)
    if not left:
        return start.astimezone(UTC)
    for begin, end in _working_intervals(start, calendar):
        if left <= end - begin:
            return begin + left
        left -= end - begin
    raise ValueError(f"the calendar of {calendar.zone} has no working hours within {_HORIZON_DAYS} days")


def working_hours_between(start: datetime, end: datetime, calendar: WorkingCalendar) -> float:
    """Working hours that passed from start to end (0 when end is not after start)."""
    total = timedelta()
    for begin, stop in _working_intervals(start, calendar):
        if begin >= end:
            break
        total += min(stop, end) - begin
    return total / timedelta(hours=1)


def _working_intervals(start: datetime, calendar: WorkingCalendar) -> Iterator[tuple[datetime, datetime]]:
    """Working intervals in UTC from start on, in order; the first is cut at start."""
    if start.tzinfo is None:
        raise ValueError("start must be a time-zone-aware instant")
    zone, now = ZoneInfo(calendar.zone), start.astimezone(UTC)
    day = now.astimezone(zone).date()
    for offset in range(_HORIZON_DAYS):
        for begin, end in _day_intervals(day + timedelta(days=offset), calendar, zone):
            if end > now:
                yield max(begin, now), end


def _day_intervals(day: date, calendar: WorkingCalendar, zone: ZoneInfo) -> Iterator[tuple[datetime, datetime]]:
    for start, end in calendar.spans_on(day):
        begin = datetime.combine(day, start, tzinfo=zone).astimezone(UTC)
        stop_day, stop = (day, end) if end is not None else (day + timedelta(days=1), time(0))
        finish = datetime.combine(stop_day, stop, tzinfo=zone).astimezone(UTC)
        if finish > begin:  # a span inside a skipped clock hour has no length
            yield begin, finish
