"""The queue card's buttons: Accept, Decline with a reason, Reassign, Done — each a step of the request, kept as an event.

Accept is the store's compare-and-set, so of two people pressing at once exactly one gets the request;
the others learn who did. Decline and Reassign lock the request while they check who holds it, so a
decline never undoes an Accept that landed a moment before. A declined request goes back to the
queue, proposed by its policy to someone who has not declined it yet (or to nobody: anyone may take it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.entities import ResourceRequest
from domain.routing import DEFAULT_QUEUE, PolicyState, Queue, RequestFacts, RoutingRules, assignee
from services.requests_card import RequestCard, read_card
from storage.repos_request_routing import lock_request
from storage.uow import UnitOfWork

HOLDING = ("open", "accepted")


@dataclass(frozen=True)
class StepResult:
    """What a press did (accepted, taken, declined, reassigned, done, or why not) and the card as it stands."""

    outcome: str  # accepted / taken / already_yours / declined / reassigned / done / not_yours / not_member /
    #               not_accepted / closed / gone
    card: RequestCard | None
    proposed: str | None = None  # whom a declined request is proposed to next


def queue_of(request: ResourceRequest, rules: RoutingRules) -> Queue:
    """The queue the request was routed to, as the rules in force define it."""
    return rules.queue(request.queue or DEFAULT_QUEUE)


def _after(uow: UnitOfWork, request_id: int, outcome: str, proposed: str | None = None) -> StepResult:
    uow.session.expire_all()
    request = uow.requests.get(request_id)
    return StepResult(outcome if request else "gone", read_card(uow, request) if request else None, proposed)


def accept_request(*, uow: UnitOfWork, request_id: int, by: str, now: datetime) -> StepResult:
    """Take an open request; when someone was quicker, the card names them (outcome taken)."""
    with uow:
        if uow.requests.accept(request_id, by=by, now=now):
            uow.commit()
            return _after(uow, request_id, "accepted")
        request = uow.requests.get(request_id)
        if request is None:
            return StepResult("gone", None)
        if request.state == "accepted":
            return _after(uow, request_id, "already_yours" if request.assignee_slack_id == by else "taken")
        return _after(uow, request_id, "closed")


def decline_request(*, uow: UnitOfWork, request_id: int, by: str, reason: str, rules: RoutingRules,
                    now: datetime) -> StepResult:
    """The person a request is proposed to (or who accepted it) gives it back with a reason; the queue's policy
    proposes it to someone who has not declined it yet."""
    with uow:
        lock_request(uow.session, uow.workspace_id, request_id)
        request = uow.requests.get(request_id)
        if request is None:
            return StepResult("gone", None)
        if request.state not in HOLDING:
            return _after(uow, request_id, "closed")
        if request.assignee_slack_id != by:
            return _after(uow, request_id, "not_yours")
        declined = {actor for _at, actor, kind, _note in uow.requests.events(request_id) if kind == "declined" and actor}
        queue = queue_of(request, rules)
        state = PolicyState(by, uow.requests.open_load(queue.name))
        nxt = assignee(queue, state, needs=_facts(request).needs(),
                       exclude=frozenset({*declined, by, request.requester_slack_id}))
        uow.requests.offer(request_id, to=nxt, now=now, actor=by, kind="declined", note=reason)
        if nxt:
            uow.requests.event(request_id, "assigned", now=now, actor=None, note=nxt)
        uow.commit()
        return _after(uow, request_id, "declined", nxt)


def reassign_request(*, uow: UnitOfWork, request_id: int, by: str, to: str, rules: RoutingRules,
                     now: datetime) -> StepResult:
    """Propose the request to another member of its queue (anyone, for a queue that lists no members); they
    still accept it themselves."""
    with uow:
        lock_request(uow.session, uow.workspace_id, request_id)
        request = uow.requests.get(request_id)
        if request is None:
            return StepResult("gone", None)
        if request.state not in HOLDING:
            return _after(uow, request_id, "closed")
        if not may_take(queue_of(request, rules), to):
            return StepResult("not_member", None)
        uow.requests.offer(request_id, to=to, now=now, actor=by, kind="reassigned")
        uow.commit()
        return _after(uow, request_id, "reassigned", to)


def may_take(queue: Queue, who: str) -> bool:
    """Whether a request of this queue may be proposed to someone: its members and its lead (anyone, without members)."""
    return not queue.members or who == queue.lead or any(m.slack_id == who for m in queue.members)


def finish_request(*, uow: UnitOfWork, request_id: int, by: str, now: datetime) -> StepResult:
    """The assignee marks an accepted request done; anyone else is told it is not theirs to close."""
    with uow:
        if uow.requests.finish(request_id, by=by, now=now):
            uow.commit()
            return _after(uow, request_id, "done")
        request = uow.requests.get(request_id)
        if request is None:
            return StepResult("gone", None)
        if request.state == "open":
            return _after(uow, request_id, "not_accepted")
        return _after(uow, request_id, "not_yours" if request.state == "accepted" else "closed")


def _facts(request: ResourceRequest) -> RequestFacts:
    """What routing read when the request was routed (kept on it), for the policy's skill match."""
    products = tuple(p.strip() for p in (request.product or "").split(",") if p.strip())
    return RequestFacts(request.type, request.region, request.industry, products)
