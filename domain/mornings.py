"""Each rep's morning: when their nudges arrive, which day the worker plans for them, and the keys that make it once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

CATCH_UP_TOUCHES = timedelta(days=7)  # after downtime, touches that fell due this recently still get a card


def parse_morning(text: str) -> time:
    """"08:30" → 08:30; the setting is validated where it is read."""
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def morning_of(day: date, tz: str, morning: time) -> datetime:
    """The instant of `morning` on the rep's local `day`, timezone-aware in their zone."""
    return datetime.combine(day, morning, ZoneInfo(tz))


@dataclass(frozen=True)
class MorningDecision:
    """What the worker does for one rep now: plan `day`, skip it as too late, or nothing yet."""

    day: date | None
    too_late: bool = False


def morning_to_plan(*, now: datetime, tz: str, planned_on: date | None, morning: time,
                    grace: timedelta) -> MorningDecision:
    """The rep's local today once their morning has come, unless planned already or later than the grace window."""
    today = now.astimezone(ZoneInfo(tz)).date()
    if planned_on is not None and planned_on >= today:
        return MorningDecision(None)
    start = morning_of(today, tz, morning)
    if now < start:
        return MorningDecision(None)
    return MorningDecision(today, too_late=now - start > grace)


def touches_after(planned_on: date | None, today: date) -> date:
    """Touches due after this day get a card this morning: those since the last planned morning, at most a week back."""
    floor = today - CATCH_UP_TOUCHES
    return max(planned_on, floor) if planned_on is not None else today - timedelta(days=1)


def greeting_key(contact_id: int, kind: str, day: date) -> str:
    """One greeting per contact, occasion and date."""
    return f"greeting:{contact_id}:{kind}:{day.isoformat()}"


def touch_key(contact_id: int, due_on: date) -> str:
    """One reminder per touch falling due: a later touch moves the due day and so the key."""
    return f"touch:{contact_id}:{due_on.isoformat()}"


def digest_key(rep_slack_id: str, day: date) -> str:
    """One digest per rep and local day."""
    return f"digest:{rep_slack_id}:{day.isoformat()}"
