"""The service level of a presales request, in its queue's working time: when the lead and then the requester's
manager hear of a request nobody accepted, and when the assignee is reminded that the needed-by day is near.

Pure: the instants are worked out from the request's times and the queue's calendar; the worker's planner
asks which steps are due at each tick and keys each by request and step, so each happens once. The
escalations count from when the request was last put before its queue (its opening: routed, or given
back after someone had accepted it), and are keyed by that opening, so a request given back escalates
again, once per opening.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from domain.routing import Queue
from domain.working_hours import WorkingCalendar, add_working_hours

LEAD, MANAGER, NO_MANAGER = "lead", "manager", "nomanager"
DUE = "due"  # due2, due0 …: a reminder that many working days before the needed-by day
# A reminder saying "in two working days" is wrong by the next morning: one the worker could not send
# within this long after its time is not sent at all.
REMINDER_WINDOW = timedelta(hours=8)
_SEARCH_DAYS = 366  # a calendar closed for a year has no working day to remind on


@dataclass(frozen=True)
class Step:
    """One thing the service level does for a request (lead, manager, due2 …) and the instant it is due (UTC)."""

    name: str
    at: datetime


def request_key(request_id: int, step: str, *, opening: datetime | None = None, thread: bool = False) -> str:
    """The outbox key of a step: `request:12:due2`, an escalation's with its opening (`request:12:lead:1772326800`),
    and `…:thread` for its line in the thread."""
    at = f":{opening_mark(opening)}" if opening is not None else ""
    return f"request:{request_id}:{step}{at}" + (":thread" if thread else "")


def opening_mark(opening: datetime) -> int:
    """An opening as the keys and payloads name it: its Unix second."""
    return int(opening.timestamp())


def due_step(days_before: int) -> str:
    """The name of the reminder that many working days before the needed-by day: due2, due0."""
    return f"{DUE}{days_before}"


def days_before(step: str) -> int | None:
    """How many working days before the needed-by day a reminder step is (None: not a reminder)."""
    rest = step.removeprefix(DUE)
    return int(rest) if step.startswith(DUE) and rest.isdigit() else None


def escalations(opened_at: datetime, queue: Queue) -> tuple[Step, Step]:
    """When a request nobody accepted since it was opened goes to the lead and when to the requester's manager,
    in working hours."""
    lead = add_working_hours(opened_at, queue.accept_within_hours, queue.calendar)
    later = max(queue.manager_after_hours, queue.accept_within_hours)  # the manager never hears before the lead
    return Step(LEAD, lead), Step(MANAGER, add_working_hours(opened_at, later, queue.calendar))


def escalations_due(opened_at: datetime, queue: Queue, now: datetime) -> list[Step]:
    """The escalations of a request still unaccepted at `now`; a queue without a lead goes straight to the
    manager at the lead's time, so someone hears of it after `accept_within_hours` all the same."""
    lead, manager = escalations(opened_at, queue)
    steps = [lead, manager] if queue.lead else [Step(MANAGER, lead.at)]
    return [s for s in steps if s.at <= now]


def working_day_before(needed_by: date, days: int, calendar: WorkingCalendar) -> date | None:
    """The working day `days` working days before needed_by, counting from the last day the queue works on or
    before it (0: needed_by itself, or the working day before it when the queue is closed on needed_by).
    None when the calendar has no such day within a year."""
    day, left = needed_by, days
    for _ in range(_SEARCH_DAYS):
        if calendar.spans_on(day):
            if not left:
                return day
            left -= 1
        day -= timedelta(days=1)
    return None


def day_start(day: date, calendar: WorkingCalendar) -> datetime | None:
    """When the queue's working day begins (UTC), or None on a day it does not work."""
    spans = calendar.spans_on(day)
    if not spans:
        return None
    return datetime.combine(day, spans[0][0], tzinfo=ZoneInfo(calendar.zone)).astimezone(UTC)


def reminders(needed_by: date, queue: Queue) -> list[Step]:
    """The needed-by reminders of a request, earliest first, each at the queue's day start."""
    steps = []
    for n in sorted(set(queue.remind_before_days), reverse=True):
        day = working_day_before(needed_by, n, queue.calendar)
        at = day_start(day, queue.calendar) if day is not None else None
        if at is not None:
            steps.append(Step(due_step(n), at))
    return steps


def reminders_due(needed_by: date, accepted_at: datetime, queue: Queue, now: datetime) -> list[Step]:
    """The reminders to send now: due by now but not long ago, and after the request was accepted (an earlier
    one would tell the assignee what they knew when they took it)."""
    return [s for s in reminders(needed_by, queue) if accepted_at < s.at <= now < s.at + REMINDER_WINDOW]
