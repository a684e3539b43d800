"""The queue card's buttons: Accept, Decline with a reason, Reassign, Done — each a step of the request, kept as an event.

Accept is the store's compare-and-set, so of two people pressing at once exactly one gets the request;
the others learn who did. Decline and Reassign lock the request while they check who holds it, so a
decline never undoes an Accept that landed a moment before. A declined request goes back to the
queue, proposed by its policy to someone who has not declined it yet (or to nobody: anyone may take it).

Who may press what: Accept, whoever the queue may give the request to (a member, its lead; anyone for a
queue without members) but never the requester. Reassign, whoever holds it, the queue's lead, or — while
nobody has accepted it — anyone who could take it; never to the requester. A reason and an outcome line
go through the compliance screen before they are kept, like every other word Rapport stores.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.compliance import ComplianceRules, clean_notes, screen
from domain.entities import ResourceRequest
from domain.routing import DEFAULT_QUEUE, PolicyState, Queue, RequestFacts, RoutingRules, assignee
from services.requests_card import RequestCard, read_card
from storage.repos_request_routing import lock_request
from storage.uow import UnitOfWork

HOLDING = ("open", "accepted")


@dataclass(frozen=True)
class StepResult:
    """What a press did (accepted, taken, declined, reassigned, done, or why not) and the card as it stands."""

    outcome: str  # accepted / taken / already_yours / declined / reassigned / unchanged / done / own / not_queue /
    #               nobody / not_yours / not_yours_to_pass / taken_not_yours / to_requester / not_member /
    #               no_reason / not_accepted / closed / gone
    card: RequestCard | None
    proposed: str | None = None  # whom a declined or reassigned request is proposed to next
    previous: str | None = None  # whom a reassigned request was taken from
    reason: str = ""  # a decline's reason as kept
    left_out: str = ""  # why part of the reason was not kept


def screened(text: str, rules: ComplianceRules | None = None) -> tuple[str, str]:
    """Words as they may be kept (what must never be stored left out), and why anything was left out."""
    screening = screen(text, rules)
    return clean_notes(text, screening), "; ".join(dict.fromkeys(f.reason for f in screening.flags))


def queue_of(request: ResourceRequest, rules: RoutingRules) -> Queue:
    """The queue the request was routed to, as the rules in force define it."""
    return rules.queue(request.queue or DEFAULT_QUEUE)


def _after(uow: UnitOfWork, request_id: int, outcome: str, proposed: str | None = None, *,
           previous: str | None = None, reason: str = "", left_out: str = "") -> StepResult:
    uow.session.expire_all()
    request = uow.requests.get(request_id)
    return StepResult(outcome if request else "gone", read_card(uow, request) if request else None, proposed,
                      previous, reason, left_out)


def accept_request(*, uow: UnitOfWork, request_id: int, by: str, rules: RoutingRules, now: datetime) -> StepResult:
    """Take an open request, when its queue may give it to the presser; when someone was quicker, the card names
    them (outcome taken)."""
    with uow:
        request = uow.requests.get(request_id)
        if request is None:
            return StepResult("gone", None)
        refused = may_not_accept(request, queue_of(request, rules), by)
        if refused:
            return _after(uow, request_id, refused)
        if uow.requests.accept(request_id, by=by, now=now):
            uow.commit()
            return _after(uow, request_id, "accepted")
        uow.session.expire_all()
        request = uow.requests.get(request_id)
        if request is None:
            return StepResult("gone", None)
        if request.state == "accepted":
            return _after(uow, request_id, "already_yours" if request.assignee_slack_id == by else "taken")
        return _after(uow, request_id, "closed")


def may_not_accept(request: ResourceRequest, queue: Queue, who: str) -> str:
    """Why someone may not take a request ("" when they may): it is their own, or not their queue's."""
    if who == request.requester_slack_id:
        return "own"
    return "" if may_take(queue, who) else "not_queue"


def decline_request(*, uow: UnitOfWork, request_id: int, by: str, reason: str, rules: RoutingRules,
                    now: datetime, compliance: ComplianceRules | None = None) -> StepResult:
    """The person a request is proposed to (or who accepted it) gives it back with a reason, kept screened; the
    queue's policy proposes it to someone who has not declined it yet."""
    kept, left_out = screened(reason, compliance)
    with uow:
        lock_request(uow.session, uow.workspace_id, request_id)
        request = uow.requests.get(request_id)
        if request is None:
            return StepResult("gone", None)
        refused = may_not_decline(request, by)
        if refused:
            return _after(uow, request_id, refused)
        if not kept:
            return StepResult("no_reason", None, left_out=left_out)
        nxt = _next_after_decline(uow, request, by, rules)
        uow.requests.offer(request_id, to=nxt, now=now, actor=by, kind="declined", note=kept)
        if nxt:
            uow.requests.event(request_id, "assigned", now=now, actor=None, note=nxt)
        uow.commit()
        return _after(uow, request_id, "declined", nxt, reason=kept, left_out=left_out)


def may_not_decline(request: ResourceRequest, who: str) -> str:
    """Why someone may not give a request back ("" when they may): only whoever holds it may."""
    if request.state not in HOLDING:
        return "closed"
    if request.assignee_slack_id == who:
        return ""
    return "nobody" if request.assignee_slack_id is None else "not_yours"


def _next_after_decline(uow: UnitOfWork, request: ResourceRequest, by: str, rules: RoutingRules) -> str | None:
    """Whom the queue's policy proposes a declined request to: nobody who declined it, nor the requester."""
    declined = {actor for _at, actor, kind, _note in uow.requests.events(request.id) if kind == "declined" and actor}
    queue = queue_of(request, rules)
    state = PolicyState(by, uow.requests.open_load(queue.name))
    return assignee(queue, state, needs=_facts(request).needs(),
                    exclude=frozenset({*declined, by, request.requester_slack_id}))


def reassign_request(*, uow: UnitOfWork, request_id: int, by: str, to: str, rules: RoutingRules,
                     now: datetime) -> StepResult:
    """Propose the request to another member of its queue (anyone, for a queue that lists no members) — never the
    requester; they still accept it themselves. Passing it to whoever has it already changes nothing."""
    with uow:
        lock_request(uow.session, uow.workspace_id, request_id)
        request = uow.requests.get(request_id)
        if request is None:
            return StepResult("gone", None)
        queue = queue_of(request, rules)
        refused = may_not_reassign(request, queue, by)
        if refused:
            return _after(uow, request_id, refused)
        if to == request.requester_slack_id:
            return StepResult("to_requester", None)
        if not may_take(queue, to):
            return StepResult("not_member", None)
        if to == request.assignee_slack_id:
            return _after(uow, request_id, "unchanged")
        uow.requests.offer(request_id, to=to, now=now, actor=by, kind="reassigned")
        uow.commit()
        return _after(uow, request_id, "reassigned", to, previous=request.assignee_slack_id)


def may_not_reassign(request: ResourceRequest, queue: Queue, who: str) -> str:
    """Why someone may not pass a request on ("" when they may): only its holder and the queue's lead may, and while
    nobody has accepted it anyone who could take it."""
    if request.state not in HOLDING:
        return "closed"
    if who in (request.assignee_slack_id, queue.lead):
        return ""
    if request.state == "accepted":
        return "taken_not_yours"
    return "" if who != request.requester_slack_id and may_take(queue, who) else "not_yours_to_pass"


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
