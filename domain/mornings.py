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


FESTIVAL_SPREAD_DAYS = 7  # festival drafts arrive over the week before it, a share each morning


def festival_spread(lead_days: int) -> int:
    """Over how many mornings before a festival its drafts are spread: a week, or the lead days if longer;
    none when greetings are set to arrive on the day itself (lead 0)."""
    return 0 if lead_days <= 0 else max(lead_days, FESTIVAL_SPREAD_DAYS)


def festival_morning(contact_id: int, festival: date, lead_days: int) -> date:
    """The morning a contact's festival greeting arrives: spread by contact over the lead days before it
    (from lead days ahead to the eve), so a rep's hundreds of Spring Festival drafts, and the worker's
    hundred thousand, do not all land on one morning."""
    if lead_days <= 0:
        return festival
    return festival - timedelta(days=lead_days - contact_id % lead_days)


def festival_slots(festival: date, today: date, lead_days: int, *, late: bool) -> range:
    """Which contacts (by id modulo max(lead_days, 1)) get this festival's greeting this morning;
    `late` also those whose morning has already passed. The inverse of festival_morning."""
    if lead_days <= 0:
        return range(0, 1) if festival == today else range(0)
    k = lead_days - (festival - today).days  # the slot whose morning is today
    if late:
        return range(0, min(k, lead_days - 1) + 1) if k >= 0 else range(0)
    return range(k, k + 1) if 0 <= k < lead_days else range(0)


def greeting_key(contact_id: int, kind: str, day: date) -> str:
    """One greeting per contact, occasion and date."""
    return f"greeting:{contact_id}:{kind}:{day.isoformat()}"


def touch_key(contact_id: int, due_on: date) -> str:
    """One reminder per touch falling due: a later touch moves the due day and so the key."""
    return f"touch:{contact_id}:{due_on.isoformat()}"


def digest_key(rep_slack_id: str, day: date) -> str:
    """One digest per rep and local day."""
    return f"digest:{rep_slack_id}:{day.isoformat()}"


MANAGER_DIGEST_WEEKDAY = 0  # managers get their team's pipeline on Monday morning


def is_manager_digest_day(day: date) -> bool:
    """The manager's local day is the one their weekly digest arrives on (Monday)."""
    return day.weekday() == MANAGER_DIGEST_WEEKDAY


def manager_digest_key(manager_slack_id: str, day: date) -> str:
    """One weekly digest per manager and Monday."""
    return f"manager_digest:{manager_slack_id}:{day.isoformat()}"
