"""A contact's dates to remember beyond the birthday: learned from logs or added by the rep, each kept once.

A promotion is greeted once, on its day, like any single date (domain/occasions.py). Most are
learned after the fact ("上个月升任CTO"), when the worker's look-ahead has passed them; so a
promotion still news when it is confirmed — from `PROMOTION_NEWS` ago up to today — gets its
congratulation draft at the rep's first morning after Confirm, under the same idempotency key the
worker would use, so it is never drafted twice. Older promotions are simply history.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from domain.meeting_log import CareerDate
from domain.mornings import morning_of
from domain.occasions import CustomDate, solar_day

PROMOTION_NEWS = timedelta(days=62)  # "上个月升任" is still news: about two months


def from_career(fact: CareerDate) -> CustomDate:
    """A promotion or join date told in a log, as the occasion the worker greets."""
    return CustomDate(fact.kind, fact.on.month, fact.on.day, fact.on.year)


def same_date(a: CustomDate, b: CustomDate) -> bool:
    """One occasion of one kind on one calendar day (two custom dates on a day differ by their label)."""
    return (a.kind, a.month, a.day, a.lunar) == (b.kind, b.month, b.day, b.lunar) and (
        a.kind != "custom" or a.label.strip() == b.label.strip())


def new_dates(items: Iterable[CustomDate], known: Sequence[CustomDate]) -> tuple[CustomDate, ...]:
    """The dates not known yet, each once."""
    out: list[CustomDate] = []
    for item in items:
        if not any(same_date(item, k) for k in (*known, *out)):
            out.append(item)
    return tuple(out)


def promotion_news(item: CustomDate, today: date) -> date | None:
    """The day of a promotion recent enough to congratulate now (not after today); None otherwise."""
    if item.kind != "promotion" or item.year is None or item.lunar:
        return None
    day = solar_day(item.year, item.month, item.day)
    return day if day is not None and today - PROMOTION_NEWS <= day <= today else None


def first_morning_after(now: datetime, tz: str, morning: time) -> datetime:
    """The rep's first morning from now on: today's if it is still ahead, else tomorrow's."""
    today = now.astimezone(ZoneInfo(tz)).date()
    at = morning_of(today, tz, morning)
    return at if at >= now else morning_of(today + timedelta(days=1), tz, morning)
