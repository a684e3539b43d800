"""Keeping the meetings reps tell us about — once however often they are told, the latest day and time when
one is moved — and cancelling one from its pitch card."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from domain.entities import AuditEntry, Meeting, SourceMessage
from domain.meeting_moves import CANCELLED, MOVED, PLANNED, moved_from, restates
from services.meeting_reminders import ReminderSettings, meeting_times, meeting_zone
from storage.uow import UnitOfWork

NOT_STARTED = "not_started"  # "I pitched these" pressed before the meeting began
OVER = "over"  # the meeting was moved or cancelled


@dataclass(frozen=True)
class Kept:
    """The meeting on record after a rep told us about one: new or not, and the one it moved."""

    meeting: Meeting
    new: bool
    moved: Meeting | None = None


def keep_meeting(uow: UnitOfWork, meeting: Meeting, *, now: datetime, today: date, source: SourceMessage,
                 told_with: Collection[int] = ()) -> Kept:
    """Keep a meeting in the caller's unit of work: the one on record when it restates it, else a new one that
    replaces the rep's planned meeting with the same people it moves. `told_with`: meetings kept from the same
    message, which it may restate but never moves (a log can plan two meetings with the same people)."""
    pending = uow.meetings.pending_of_rep(meeting.rep_slack_id, since=min(today, meeting.on))
    same = next((old for old in pending if restates(meeting, old)), None)
    if same is not None:
        return Kept(same, new=False)
    old = moved_from(meeting, [m for m in pending if m.id not in told_with], today)
    made = uow.meetings.add(meeting, now=now, source=source)
    if old is not None and uow.meetings.end(old.id, state=MOVED, replaced_by=made.id):
        return Kept(made, new=True, moved=old)
    return Kept(made, new=True)


def cancel_meeting(uow: UnitOfWork, meeting_id: int, *, actor: str, now: datetime, source: SourceMessage) -> bool:
    """The rep cancels their planned meeting, audited, in the caller's unit of work; False when it was not theirs
    or no longer planned. Its pitch cards not yet sent are then not sent."""
    meeting = uow.meetings.get(meeting_id)
    if meeting is None or meeting.rep_slack_id != actor or not uow.meetings.end(meeting.id, state=CANCELLED):
        return False
    uow.audit.record(AuditEntry(actor, now, "meeting", meeting.id, "update", {"state": PLANNED},
                                {"state": CANCELLED}, source))
    return True


def pitch_press_refused(uow: UnitOfWork, meeting_id: int, *, now: datetime, zone: tzinfo) -> str | None:
    """Why a pitch card's "I pitched these" cannot be recorded now (None: it can): the meeting was moved or
    cancelled (OVER), or has not begun (NOT_STARTED) — pressed on the evening card, nobody has heard anything yet."""
    meeting = uow.meetings.get(meeting_id)
    if meeting is None:
        return None
    if meeting.state != PLANNED:
        return OVER
    times = meeting_times(meeting.on, meeting.at, meeting_zone(meeting.tz, getattr(zone, "key", None)), ReminderSettings())
    return NOT_STARTED if now < times.begins else None
