"""`/rapport requests [weeks]` and the manager's Monday digest: how presales requests were served.

Who sees what: a rep their own requests; a manager their team's (everyone down their reporting line, and
their own) with the engineers those requests went to; a presales engineer the queues they work in and
what is on their plate; an admin the whole workspace. Numbers are those of domain/request_numbers.py,
in the queues' working hours when the routing rules are at hand.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from domain.access import Viewer
from domain.entities import ResourceRequest, User
from domain.request_numbers import UNFINISHED, RequestNumbers, open_holder, request_numbers
from domain.routing import RoutingRules
from domain.working_hours import WorkingCalendar
from services.access import reports_under, viewer_in
from storage.repos_request_numbers import RequestsOf, queues_of, requests_in, steps_in
from storage.uow import UnitOfWork

DEFAULT_WEEKS = 4
MAX_WEEKS = 52
DIGEST_WEEK = timedelta(days=7)


@dataclass(frozen=True)
class RequestNumbersView:
    """What `/rapport requests` shows: whose numbers (own / team / queue / all), over how many weeks, and the
    caller's own open requests (raised by them) and what is on their plate (accepted by or proposed to them)."""

    scope: str
    weeks: int
    numbers: RequestNumbers
    raised: tuple[ResourceRequest, ...] = ()
    held: tuple[ResourceRequest, ...] = ()
    working_hours: bool = False  # times in the queues' working hours (the rules were at hand), else wall-clock


def request_numbers_view(*, uow: UnitOfWork, user: User, now: datetime, weeks: int = DEFAULT_WEEKS,
                         rules: RoutingRules | None = None) -> RequestNumbersView:
    """The caller's presales numbers over the last `weeks` weeks up to `now` (in their zone), scoped by role."""
    since = now - timedelta(weeks=weeks)
    with uow:
        viewer = viewer_in(uow, user)
        scope, of = _scope(uow, viewer, rules)
        requests = requests_in(uow.session, uow.workspace_id, of, since)
        steps = steps_in(uow.session, uow.workspace_id, of, since)
    members = () if scope == "own" else _members(rules, {r.queue for r in requests} | of.queues, everyone=of.everyone)
    numbers = request_numbers(requests, steps, since=since, today=now.date(), calendars=calendars_of(rules),
                              members=members)
    me = user.slack_user_id
    return RequestNumbersView(
        scope, weeks, replace(numbers, by_engineer=()) if scope == "own" else numbers,
        raised=tuple(r for r in requests if r.requester_slack_id == me and r.state in UNFINISHED),
        held=tuple(r for r in requests if open_holder(r) == me), working_hours=rules is not None)


def team_week(*, uow: UnitOfWork, manager_slack_id: str, now: datetime,
              rules: RoutingRules | None = None) -> RequestNumbers | None:
    """The last seven days' requests of a manager's team, with the overdue ones; None when there are neither."""
    since = now - DIGEST_WEEK
    with uow:
        of = RequestsOf(requesters=reports_under(uow, manager_slack_id) | {manager_slack_id})
        requests = requests_in(uow.session, uow.workspace_id, of, since)
        steps = steps_in(uow.session, uow.workspace_id, of, since)
    numbers = request_numbers(requests, steps, since=since, today=now.date(), calendars=calendars_of(rules))
    return numbers if numbers.overall.count or numbers.overdue else None


def calendars_of(rules: RoutingRules | None) -> dict[str, WorkingCalendar]:
    """Each queue's working hours by name; none without rules (times are then wall-clock hours)."""
    return {q.name: q.calendar for q in (*rules.queues, rules.default)} if rules else {}


def _scope(uow: UnitOfWork, viewer: Viewer, rules: RoutingRules | None) -> tuple[str, RequestsOf]:
    if viewer.role == "admin":
        return "all", RequestsOf(everyone=True)
    if viewer.role == "manager":
        return "team", RequestsOf(requesters=viewer.reports | {viewer.slack_user_id})
    if viewer.role == "presales":
        queues = queues_of(uow.session, uow.workspace_id, viewer.slack_user_id) | _queues_with(rules, viewer)
        return "queue", RequestsOf(queues=queues, holder=viewer.slack_user_id)
    return "own", RequestsOf(requesters=frozenset({viewer.slack_user_id}))


def _queues_with(rules: RoutingRules | None, viewer: Viewer) -> frozenset[str]:
    """The queues the rules file names this person in, as a member or as the lead."""
    if rules is None:
        return frozenset()
    me = viewer.slack_user_id
    return frozenset(q.name for q in rules.queues if q.lead == me or any(m.slack_id == me for m in q.members))


def _members(rules: RoutingRules | None, queues: set[str | None] | frozenset[str], *,
             everyone: bool) -> Sequence[str]:
    """The engineers of these queues (of all queues for an admin), so one sent nothing still shows."""
    if rules is None:
        return ()
    return sorted({m.slack_id for q in (*rules.queues, rules.default) if everyone or q.name in queues
                   for m in q.members})
