"""When the weekly "what wins" share is due: Monday at the workspace's morning, once per ISO week."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

SHARE_WEEKDAY = 0  # Monday: the week's plans are made with last week's lessons


@dataclass(frozen=True)
class ShareSlot:
    """This week's share: its ISO week ("2026-W51") and the instant it is due (UTC)."""

    week: str
    due_at: datetime

    @property
    def key(self) -> str:
        """One share per workspace and week, whichever worker plans it and however often."""
        return share_key(self.week)


def share_key(week: str) -> str:
    """The outbox idempotency key of one week's share."""
    return f"pitchshare:{week}"


def iso_week(day: date) -> str:
    """The ISO year and week of a day: 2026-12-14 → "2026-W51" (the ISO year, not the calendar one)."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def share_slot(now: datetime, tz: str, morning: time, grace: timedelta) -> ShareSlot | None:
    """This week's share when `now` is on Monday between the morning and `grace` after it; else None.

    Past the grace the outbox would drop it as stale anyway, so a worker back on Monday night plans nothing."""
    local = now.astimezone(ZoneInfo(tz))
    if local.weekday() != SHARE_WEEKDAY:
        return None
    due = datetime.combine(local.date(), morning, ZoneInfo(tz))
    if not due <= local < due + grace:
        return None
    return ShareSlot(iso_week(local.date()), due.astimezone(UTC))
