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

from domain.access import sees_deal
from domain.entities import User
from domain.outbox import PITCH, Delivery
from domain.pitch_reminders import MeetingTimes, Membership, members_in, parse_at, pitch_key, slots_due
from services.access import viewer_in
from services.users import first_known_zone
from storage import repos_meeting_plan as store
from storage.repos_planner import enqueue_many
from storage.uow import UnitOfWork

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


def chain_members(uow: UnitOfWork, *, rep: str, deal_id: int | None, contact_ids: Sequence[int],
                  places: Sequence[Membership]) -> list[Membership]:
    """The people of a rep's meeting who are in a decision chain, placed as the card briefs on them: on the meeting's
    deal; a meeting on no deal, on a deal the rep may see, their own first — never on a colleague's deal they may not."""
    candidates = {p.deal_id for p in places if p.contact_id in contact_ids}
    if deal_id is not None or not candidates:
        return members_in(deal_id, contact_ids, places)
    viewer = viewer_in(uow, uow.users.get(rep) or User(rep))
    seen, own = set(), set()
    for candidate in sorted(candidates):
        deal = uow.deals.get(candidate)
        account = uow.accounts.get(deal.account_id) if deal is not None and deal.account_id else None
        if deal is not None and sees_deal(viewer, deal, account):
            seen.add(deal.id)
            if deal.owner_slack_id == rep:
                own.add(deal.id)
    return members_in(None, contact_ids, places, seen=seen, own=own)


def plan_meeting_reminders(*, sessions: sessionmaker[Session], now: datetime, config: ReminderSettings) -> int:
    """Enqueue the pitch cards now known for meetings of the coming days; returns how many were new."""
    today = now.astimezone(UTC).date()
    by_workspace: dict[str, list[store.PlannedMeeting]] = defaultdict(list)
    with sessions() as session:
        for meeting in store.meetings_between(session, today - BEHIND, today + AHEAD):
            by_workspace[meeting.workspace_id].append(meeting)
    enqueued = 0
    for ws, meetings in by_workspace.items():
        with UnitOfWork(sessions, ws) as uow:
            enqueued += enqueue_many(uow.session, _cards(uow, meetings, now, config))
            uow.commit()
    return enqueued


def _cards(uow: UnitOfWork, meetings: Sequence[store.PlannedMeeting], now: datetime,
           config: ReminderSettings) -> list[Delivery]:
    """One workspace's cards not yet in the outbox, for meetings where someone is in a decision chain."""
    ws, session = uow.workspace_id, uow.session
    wanted = {m.id: slots_due(meeting_times(m.on, m.at, meeting_zone(m.tz, m.rep_tz, config.default_tz), config), now)
              for m in meetings}
    done = store.planned_keys(session, ws, [pitch_key(i, slot) for i, slots in wanted.items() for slot, _ in slots])
    todo = {m.id: [(slot, due) for slot, due in wanted[m.id] if pitch_key(m.id, slot) not in done] for m in meetings}
    meetings = [m for m in meetings if todo[m.id]]
    # Only meetings with a card still to plan read the chains: most ticks read none.
    places = store.memberships(session, ws, sorted({c for m in meetings for c in m.contact_ids}))
    return [Delivery(ws, PITCH, m.rep_slack_id, due.astimezone(UTC), pitch_key(m.id, slot),
                     {"meeting_id": m.id, "slot": slot})
            for m in meetings
            if chain_members(uow, rep=m.rep_slack_id, deal_id=m.deal_id, contact_ids=m.contact_ids, places=places)
            for slot, due in todo[m.id]]
