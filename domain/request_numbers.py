"""How presales requests are served: turnaround, acceptance rate and load, per request type and per engineer.

The numbers are read from each request and its steps (created, assigned, accepted, declined, reassigned,
done). Counts, rates and times cover the requests raised in the period; load and overdue are as of now,
over every request given whenever it was raised.

- Per type, as the requester lives it: *time to accept* runs from the request being raised to its first
  acceptance, *time to done* from being raised to done.
- Per engineer, as they live it: *time to accept* runs from the moment the request was last put before
  anyone (raised, assigned, declined by someone else, reassigned) to their acceptance; *time to done* from
  their acceptance to the request being done by them.
- Times are working hours of the request's queue when its calendar is known (nights, weekends and
  holidays do not count), else wall-clock hours. The median of an even count is the mean of the middle
  two; p90 is the nearest rank (the ⌈0.9·n⌉-th smallest).
- *Acceptance rate* of a type: of its requests that met a first decision (the first accepted, declined
  or reassigned step), the share whose first decision was an acceptance — taken on the first offer.
  Of an engineer: of the decisions about requests in front of them, the share that were acceptances;
  the others are their declines and the reassignments away from them (by them or by a lead). A request
  nobody has decided on yet counts in neither.
- *Open load* of a type: its requests not done yet (waiting or accepted); of an engineer: those accepted
  by them and not done, and those open and proposed to them.
- *Overdue*: needed-by day before today and not done (nor cancelled).
"""

from __future__ import annotations

import math
import re
import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from domain.entities import ResourceRequest
from domain.routing import REQUEST_TYPES
from domain.working_hours import WorkingCalendar, working_hours_between

UNFINISHED = ("open", "accepted")
DECISIONS = ("accepted", "declined", "reassigned")
REOPENING = ("assigned", "declined", "reassigned")  # steps that put a request (back) before someone
# An assigned/reassigned step notes the member it went to unless the one who moved it wrote a note instead.
_MEMBER = re.compile(r"^[UW][A-Z0-9]{2,}$")


@dataclass(frozen=True)
class RequestStep:
    """One step in a request's life: when, what, by whom, and its note."""

    request_id: int
    at: datetime
    kind: str
    actor: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Tally:
    """The numbers of one row (a request type, an engineer, or all): how many, how fast, how loaded."""

    count: int = 0
    accepted: int = 0  # decisions that were acceptances (first decisions, for a type)
    decided: int = 0
    accept_hours: tuple[float, ...] = ()
    done_hours: tuple[float, ...] = ()
    open_load: int = 0
    overdue: int = 0

    @property
    def acceptance_rate(self) -> float | None:
        """Share of decisions that were acceptances; None before any decision."""
        return self.accepted / self.decided if self.decided else None

    @property
    def median_accept(self) -> float | None:
        """Median hours to accept."""
        return median(self.accept_hours)

    @property
    def p90_accept(self) -> float | None:
        """90th percentile of hours to accept."""
        return p90(self.accept_hours)

    @property
    def median_done(self) -> float | None:
        """Median hours to done."""
        return median(self.done_hours)


@dataclass(frozen=True)
class RequestNumbers:
    """The period's numbers overall, per type (in the schema's order) and per engineer, and who is overdue."""

    overall: Tally
    by_type: tuple[tuple[str, Tally], ...]
    by_engineer: tuple[tuple[str, Tally], ...]
    overdue: tuple[ResourceRequest, ...] = field(default=())


def median(values: Sequence[float]) -> float | None:
    """The middle value (mean of the middle two); None for none."""
    return statistics.median(values) if values else None


def p90(values: Sequence[float]) -> float | None:
    """The nearest-rank 90th percentile; None for none."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[math.ceil(0.9 * len(ordered)) - 1]


def is_overdue(request: ResourceRequest, today: date) -> bool:
    """Its needed-by day has passed and it is not done."""
    return request.state in UNFINISHED and request.needed_by is not None and request.needed_by < today


def open_holder(request: ResourceRequest) -> str | None:
    """Whose load the request is now: the assignee of an accepted one, the member an open one is proposed to."""
    return request.assignee_slack_id if request.state in UNFINISHED else None


@dataclass(frozen=True)
class Acceptance:
    """Someone took the request: who, since when it had been in front of them, and when they took it."""

    who: str
    waiting_since: datetime
    at: datetime


@dataclass(frozen=True)
class Story:
    """What one request's steps say: its first decision, who took it when, who passed it on, who finished it."""

    raised_at: datetime
    first_decision: str | None = None
    acceptances: tuple[Acceptance, ...] = ()
    passed_by: tuple[str, ...] = ()  # one entry per decline or reassignment away from them
    done_by: str | None = None
    done_at: datetime | None = None


def story(raised_at: datetime, steps: Iterable[RequestStep]) -> Story:
    """Replay a request's steps, oldest first, keeping who held it (the accepter, or the member it was sent to)."""
    first, holder, since = None, None, raised_at
    accepted: list[Acceptance] = []
    passed: list[str] = []
    done: tuple[str | None, datetime | None] = (None, None)
    for s in steps:
        first = first or (s.kind if s.kind in DECISIONS else None)
        if s.kind == "accepted" and s.actor:
            accepted.append(Acceptance(s.actor, since, s.at))
            holder = s.actor
        elif s.kind in REOPENING:
            to = s.note if s.kind != "declined" and s.note and _MEMBER.match(s.note) else None
            away = s.actor if s.kind == "declined" else holder if s.kind == "reassigned" and holder != to else None
            passed += [away] if away else []
            holder, since = to, s.at
        elif s.kind == "done":
            done = (s.actor, s.at)
    return Story(raised_at, first, tuple(accepted), tuple(passed), *done)


def request_numbers(requests: Sequence[ResourceRequest], steps: Iterable[RequestStep], *, since: datetime,
                    today: date, calendars: Mapping[str, WorkingCalendar] | None = None,
                    members: Iterable[str] = ()) -> RequestNumbers:
    """The numbers of the requests raised since `since`, with load and overdue over all of `requests` as of today.

    `calendars` gives the working hours of queues by name (a queue without one counts wall-clock hours);
    `members` are engineers to show even if none of these requests came their way."""
    by_request: dict[int, list[RequestStep]] = defaultdict(list)
    for s in sorted(steps, key=lambda s: s.at):
        by_request[s.request_id].append(s)
    stories = {r.id: story(r.created_at, by_request[r.id]) for r in requests
               if r.created_at is not None and r.created_at >= since}
    clock = _Clock(calendars or {})
    types = [t for t in (*REQUEST_TYPES, *sorted({r.type for r in requests} - set(REQUEST_TYPES)))
             if any(r.type == t and (r.id in stories or r.state in UNFINISHED) for r in requests)]
    engineers = _engineers(requests, stories.values(), members)
    return RequestNumbers(
        overall=_type_tally(requests, stories, today, clock),
        by_type=tuple((t, _type_tally([r for r in requests if r.type == t], stories, today, clock)) for t in types),
        by_engineer=_ranked((who, _engineer_tally(who, requests, stories, today, clock)) for who in engineers),
        overdue=tuple(sorted((r for r in requests if is_overdue(r, today)), key=lambda r: (r.needed_by, r.id))))


class _Clock:
    """Hours between two instants for a request: its queue's working hours when known, else wall-clock."""

    def __init__(self, calendars: Mapping[str, WorkingCalendar]) -> None:
        self._calendars = calendars

    def hours(self, request: ResourceRequest, start: datetime, end: datetime) -> float:
        calendar = self._calendars.get(request.queue) if request.queue else None
        if calendar is not None:
            return working_hours_between(start, end, calendar)
        return max(end - start, timedelta()) / timedelta(hours=1)


def _type_tally(requests: Sequence[ResourceRequest], stories: Mapping[int, Story], today: date,
                clock: _Clock) -> Tally:
    raised = [(r, stories[r.id]) for r in requests if r.id in stories]
    decided = [s.first_decision for _, s in raised if s.first_decision]
    return Tally(
        count=len(raised), accepted=decided.count("accepted"), decided=len(decided),
        accept_hours=tuple(clock.hours(r, s.raised_at, s.acceptances[0].at) for r, s in raised if s.acceptances),
        done_hours=tuple(clock.hours(r, s.raised_at, s.done_at) for r, s in raised if s.done_at),
        open_load=sum(r.state in UNFINISHED for r in requests),
        overdue=sum(is_overdue(r, today) for r in requests))


def _engineer_tally(who: str, requests: Sequence[ResourceRequest], stories: Mapping[int, Story], today: date,
                    clock: _Clock) -> Tally:
    raised = [(r, stories[r.id]) for r in requests if r.id in stories]
    taken = [(r, a) for r, s in raised for a in s.acceptances if a.who == who]
    finished = [(r, s.acceptances[-1].at, s.done_at) for r, s in raised
                if s.done_by == who and s.done_at and s.acceptances and s.acceptances[-1].who == who]
    passed = sum(s.passed_by.count(who) for _, s in raised)
    held = [r for r in requests if open_holder(r) == who]
    return Tally(
        count=len({r.id for r, _ in taken}), accepted=len(taken), decided=len(taken) + passed,
        accept_hours=tuple(clock.hours(r, a.waiting_since, a.at) for r, a in taken),
        done_hours=tuple(clock.hours(r, start, end) for r, start, end in finished),
        open_load=len(held), overdue=sum(is_overdue(r, today) for r in held))


def _engineers(requests: Sequence[ResourceRequest], stories: Iterable[Story], members: Iterable[str]) -> set[str]:
    found = set(members) | {h for r in requests if (h := open_holder(r))}
    for s in stories:
        found |= {a.who for a in s.acceptances} | set(s.passed_by)
    return found


def _ranked(rows: Iterable[tuple[str, Tally]]) -> tuple[tuple[str, Tally], ...]:
    """Busiest first: most requests taken, then most held now, then by id so the order is stable."""
    return tuple(sorted(rows, key=lambda row: (-row[1].count, -row[1].open_load, row[0])))
