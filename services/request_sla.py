"""The worker's service-level step for presales requests: escalations of what nobody accepts, and reminders
of the needed-by day to whoever accepted it.

Runs in every tick next to the meeting reminders. An unaccepted request goes to its queue's lead after
`accept_within_hours` working hours, then to the requester's manager after `manager_after_hours` (and
never before the lead's step was planned), both counted from the request's opening: when it was
routed, or given back after someone had accepted it. An accepted one reminds its assignee on the
mornings `remind_before_days` working days before it is needed. Each step is a delivery keyed
`request:{id}:{step}` (an escalation's with its opening, `request:{id}:lead:{epoch}`) and its line in the
requester's thread, planned when it falls due and noted as an event of the request in the same
transaction, so every tick and every worker plans it once per opening. What it says is composed as it
is sent, and nothing is said of a request accepted (or done, or withdrawn) in between.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session, sessionmaker

from domain.entities import ResourceRequest
from domain.outbox import REQUEST_SLA, REQUEST_THREAD, Delivery
from domain.request_sla import (
    LEAD,
    MANAGER,
    NO_MANAGER,
    Step,
    days_before,
    escalations_due,
    opening_mark,
    reminders_due,
    request_key,
)
from domain.routing import DEFAULT_QUEUE, Queue, RoutingRules
from domain.working_hours import working_hours_between
from prompts import normalise_locale
from storage.repos_meeting_plan import planned_keys
from storage.repos_request_sla import watched_requests
from storage.uow import UnitOfWork

LATE = timedelta(hours=1)  # an escalation the worker finds late is due now, not in the past the outbox drops
EVENTS = {LEAD: "escalated_lead", MANAGER: "escalated_manager"}


def queue_of(request: ResourceRequest, rules: RoutingRules) -> Queue:
    """The queue a request was routed to, as the rules in force define it (the default queue if it is gone)."""
    return rules.queue(request.queue or DEFAULT_QUEUE)


def plan_request_sla(*, sessions: sessionmaker[Session], now: datetime,
                     rules: Callable[[str], RoutingRules]) -> int:
    """Enqueue the escalations and reminders that fell due by now; returns how many deliveries were new.
    `rules`: the rules in force in a workspace (one rules file serves one workspace of an OAuth install)."""
    with sessions() as session:
        watched: dict[str, list[ResourceRequest]] = defaultdict(list)
        for ws, request in watched_requests(session, needed_from=(now - timedelta(days=1)).date()):
            watched[ws].append(request)
    return sum(_plan_workspace(UnitOfWork(sessions, ws), requests, rules(ws), now) for ws, requests in watched.items())


def opening(request: ResourceRequest) -> datetime | None:
    """When the request was last put before its queue (its creation for one stored before that was kept)."""
    return request.opened_at or request.created_at


def steps_due(request: ResourceRequest, queue: Queue, now: datetime) -> list[Step]:
    """What the service level owes a request now: escalations while it is open, reminders once accepted."""
    opened = opening(request)
    if opened is None or request.queue is None:  # not routed yet: its queue has not seen it
        return []
    if request.state == "open":
        return escalations_due(opened, queue, now)
    if request.state == "accepted" and request.needed_by and request.assignee_slack_id:
        return reminders_due(request.needed_by, request.accepted_at or opened, queue, now)
    return []


def _plan_workspace(uow: UnitOfWork, requests: list[ResourceRequest], rules: RoutingRules, now: datetime) -> int:
    """One workspace's steps not yet planned: each step's delivery, its thread line and its event, together."""
    due = [(r, s) for r in requests for s in steps_due(r, queue_of(r, rules), now)]
    if not due:  # most ticks: nothing fell due, no transaction
        return 0
    with uow:
        planned = planned_keys(uow.session, uow.workspace_id, [k for r, s in due for k in _planned_as(r, s.name)])
        enqueued = 0
        for request, step in due:  # a request's lead step comes before its manager's
            queue = queue_of(request, rules)
            if planned.isdisjoint(_planned_as(request, step.name)) and _in_turn(request, queue, step, planned):
                enqueued += _plan_step(uow, request, queue, step, now)
                planned.add(_planned_as(request, step.name)[0])
        uow.commit()
    return enqueued


def _planned_as(request: ResourceRequest, step: str) -> tuple[str, ...]:
    """The keys any of which means a step is planned (an escalation's for the request's present opening): the
    manager's step is done once told either way, so a request left open for months does not look its requester
    up every minute."""
    opened = opening(request) if step in (LEAD, MANAGER) else None
    if step == MANAGER:
        return (request_key(request.id, MANAGER, opening=opened), request_key(request.id, NO_MANAGER, opening=opened),
                request_key(request.id, NO_MANAGER, opening=opened, thread=True))
    return (request_key(request.id, step, opening=opened),)


def _in_turn(request: ResourceRequest, queue: Queue, step: Step, planned: set[str]) -> bool:
    """The manager hears of an opening only once its lead's step is planned (in a queue with a lead)."""
    return step.name != MANAGER or not queue.lead or _planned_as(request, LEAD)[0] in planned


def _plan_step(uow: UnitOfWork, request: ResourceRequest, queue: Queue, step: Step, now: datetime) -> int:
    """Enqueue one step's message and its thread line, and note it as an event; 0 when already planned."""
    to = _recipient(uow, request, queue, step.name)
    if to is None:
        return _tell_requester(uow, request, queue, step, now) if step.name == MANAGER else 0
    due_at, payload = max(step.at, now - LATE), _payload(request, queue, step.name, now)
    if not uow.outbox.enqueue(Delivery(uow.workspace_id, REQUEST_SLA, to, due_at, _planned_as(request, step.name)[0],
                                       payload)):
        return 0
    escalated = EVENTS.get(step.name)
    uow.requests.event(request.id, escalated or "reminded", now=now, actor=None, note=to if escalated else step.name)
    return 1 + sum(_thread_line(uow, request, payload, due_at))


def _payload(request: ResourceRequest, queue: Queue, step: str, now: datetime) -> dict[str, Any]:
    """What a step's message needs of the queue, kept as planned: the rules file may change before it is sent.
    An escalation names the opening it is about, and counts the hours waited since then."""
    opened = opening(request) or now
    waited = working_hours_between(opened, now, queue.calendar)
    mark = {"opening": opening_mark(opened)} if days_before(step) is None else {}
    return {"request_id": request.id, "step": step, "queue": queue.name, "channel": queue.channel, "lead": queue.lead,
            "limit": queue.accept_within_hours, "zone": queue.calendar.zone, "waited_hours": round(waited, 2), **mark}


def _recipient(uow: UnitOfWork, request: ResourceRequest, queue: Queue, step: str) -> str | None:
    """Whom a step goes to: the lead, the requester's manager, or the assignee; None when there is nobody."""
    if step == LEAD:
        return queue.lead
    if step == MANAGER:
        requester = uow.users.get(request.requester_slack_id)
        return requester.manager_slack_id if requester else None
    return request.assignee_slack_id if days_before(step) is not None else None


def _tell_requester(uow: UnitOfWork, request: ResourceRequest, queue: Queue, step: Step, now: datetime) -> int:
    """The requester learns that nobody above the queue can be told: in their thread, else in a DM; once."""
    due_at, payload = max(step.at, now - LATE), _payload(request, queue, NO_MANAGER, now)
    told = sum(_thread_line(uow, request, payload, due_at))
    if request.thread is None:
        told += uow.outbox.enqueue(Delivery(uow.workspace_id, REQUEST_SLA, request.requester_slack_id, due_at,
                                            _planned_as(request, MANAGER)[1], payload))
    return told


def _thread_line(uow: UnitOfWork, request: ResourceRequest, payload: dict[str, Any], due_at: datetime
                 ) -> Iterator[bool]:
    """The step told in the requester's thread, when the request has one."""
    if request.thread is not None:
        step = str(payload["step"])
        opened = opening(request) if days_before(step) is None else None
        yield uow.outbox.enqueue(Delivery(uow.workspace_id, REQUEST_THREAD, request.thread.channel, due_at,
                                          request_key(request.id, step, opening=opened, thread=True),
                                          {**payload, "thread_ts": request.thread.ts}))


@dataclass(frozen=True)
class SlaCard:
    """A service-level message as it is sent: the step, the request and what it is about, its queue as planned,
    how long it had waited in the queue's working hours, and the people named in it."""

    step: str
    request: ResourceRequest
    account: str | None
    deal: str | None
    channel: str | None  # the queue's channel (None: the default queue without one)
    lead: str | None
    limit: float  # the queue's accept_within_hours
    waited_hours: float
    today: date  # in the queue's zone: "needed today" is the queue's today
    in_thread: bool  # a line in the requester's thread, not a DM
    manager: str | None
    locale: str


def compose_request_sla(*, uow: UnitOfWork, delivery: Delivery, now: datetime, default_locale: str) -> SlaCard | None:
    """The message of a service-level delivery as of now, or None when it no longer applies (the request was
    accepted, done or cancelled since; a reminder to someone who no longer holds it)."""
    p, step = delivery.payload, str(delivery.payload.get("step") or "")
    with uow:
        request = uow.requests.get(int(p.get("request_id") or 0))
        if request is None or not _still_applies(request, step, delivery):
            return None
        account = uow.accounts.get(request.account_id) if request.account_id else None
        deal = uow.deals.get(request.deal_id) if request.deal_id else None
        requester = uow.users.get(request.requester_slack_id)
        reader = requester if delivery.to_channel else uow.users.get(delivery.recipient_slack_id)
        return SlaCard(step, request, account.name if account else None, deal.name if deal else None,
                       p.get("channel"), p.get("lead"), float(p.get("limit") or 0), float(p.get("waited_hours") or 0),
                       now.astimezone(_zone(p.get("zone"))).date(), delivery.to_channel,
                       requester.manager_slack_id if requester else None,
                       normalise_locale(reader.locale if reader else None, default_locale))


def _zone(name: str | None) -> ZoneInfo:
    try:
        return ZoneInfo(name or "UTC")
    except (ValueError, KeyError):
        return ZoneInfo("UTC")


def _still_applies(request: ResourceRequest, step: str, delivery: Delivery) -> bool:
    """Escalations while nobody has accepted since the opening they are about; reminders while the one reminded
    still holds the request."""
    if days_before(step) is None:
        planned_for, opened = delivery.payload.get("opening"), opening(request)
        return request.state == "open" and (planned_for is None or opened is None
                                            or planned_for == opening_mark(opened))
    return request.state == "accepted" and (delivery.to_channel
                                            or request.assignee_slack_id == delivery.recipient_slack_id)
