"""The worker's second planning step: a pitch card the evening before, and one an hour before, each meeting
with someone in a decision chain.

Runs in every tick after the mornings are planned. It looks at the meetings of the days around today
(by the index on the meeting's day), so the cards sit in the outbox well before they are due; keys
per meeting and slot make looking again every minute, or from several workers, plan each card once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session, sessionmaker

from domain.outbox import PITCH, Delivery
from domain.pitch_reminders import MeetingTimes, members_in, parse_at, pitch_key, slots_due
from services.users import first_known_zone
from storage import repos_meeting_plan as store
from storage.repos_planner import enqueue_many

# Meetings are kept on the rep's local day: two days either side of today in UTC covers every zone
# with the evening before included.
BEHIND, AHEAD = timedelta(days=1), timedelta(days=2)


@dataclass(frozen=True)
class ReminderSettings:
    """When the evening card arrives, the morning that stands in for a meeting without a time, the default zone."""

    evening: time = time(18, 0)
    morning: time = time(8, 30)
    default_tz: str = "Asia/Shanghai"


def meeting_zone(*names: str | None) -> ZoneInfo:
    """The first zone Python knows of: the meeting's own, the rep's, the workspace's; UTC at worst."""
    return first_known_zone(*names)


def meeting_times(on: date, at: str | None, zone: ZoneInfo, config: ReminderSettings) -> MeetingTimes:
    """A meeting's day and time in its zone, with the rep's evening and morning."""
    return MeetingTimes(on, parse_at(at), zone.key, config.evening, config.morning)


def plan_meeting_reminders(*, sessions: sessionmaker[Session], now: datetime, config: ReminderSettings) -> int:
    """Enqueue the pitch cards now known for meetings of the coming days; returns how many were new."""
    today = now.astimezone(UTC).date()
    with sessions() as session:
        by_workspace: dict[str, list[store.PlannedMeeting]] = defaultdict(list)
        for meeting in store.meetings_between(session, today - BEHIND, today + AHEAD):
            by_workspace[meeting.workspace_id].append(meeting)
        deliveries = [d for ws, meetings in by_workspace.items() for d in _cards(session, ws, meetings, now, config)]
        enqueued = enqueue_many(session, deliveries)
        session.commit()
    return enqueued


def _cards(session: Session, ws: str, meetings: Sequence[store.PlannedMeeting], now: datetime,
           config: ReminderSettings) -> list[Delivery]:
    """One workspace's cards not yet in the outbox, for meetings where someone is in a decision chain."""
    wanted = {m.id: slots_due(meeting_times(m.on, m.at, meeting_zone(m.tz, m.rep_tz, config.default_tz), config), now)
              for m in meetings}
    done = store.planned_keys(session, ws, [pitch_key(i, slot) for i, slots in wanted.items() for slot, _ in slots])
    todo = {m.id: [(slot, due) for slot, due in wanted[m.id] if pitch_key(m.id, slot) not in done] for m in meetings}
    meetings = [m for m in meetings if todo[m.id]]
    # Only meetings with a card still to plan read the chains: most ticks read none.
    places = store.memberships(session, ws, sorted({c for m in meetings for c in m.contact_ids}))
    return [Delivery(ws, PITCH, m.rep_slack_id, due.astimezone(UTC), pitch_key(m.id, slot),
                     {"meeting_id": m.id, "slot": slot})
            for m in meetings if members_in(m.deal_id, m.contact_ids, places) for slot, due in todo[m.id]]
