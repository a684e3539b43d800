"""A new presales request finds its queue and someone to propose it to, and its card and thread are put in the
outbox — all in the transaction that routes it.

Requests from `/rapport request` and the deal card's button are routed as they are created. Requests a
confirmed log asks for are routed by the worker's next tick (`route_waiting`), so a log's confirmation
never waits on the rules. Either way the card in the queue's channel and the requester's DM that opens
their thread are deliveries, keyed `request:{id}:card` and `request:{id}:opened`: the worker posts them
and a Slack outage delays them without losing the request. The thread's key doubles as the guard that
routes a request once when two workers find it at the same tick.

A request's service level counts from its routing, not its creation: one a confirmed log made before
the worker routed requests at all (an upgrade, a worker stopped for days) is routed, carded and given
its queue's full time to be accepted, instead of reaching the lead and the manager at the first tick.
A routed open request whose card never reached its channel (dropped, or refused for good until the
admin invites Rapport) is carded again at a later tick, under a new key `request:{id}:card:{n}`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from domain.entities import AuditEntry, Deal, ResourceRequest, SourceMessage, User
from domain.outbox import FAILED, REQUEST_CARD, REQUEST_OPENED, Delivery
from domain.routing import (
    DEFAULT_QUEUE,
    PolicyState,
    RequestFacts,
    RouteDecision,
    RoutingRules,
    assignee,
    route,
)
from services.graph_views import visible_deal_by_id
from services.requests_rules import BadVersion, LiveRules, tell_admins
from storage.repos_request_cards import card_tries, uncarded
from storage.repos_request_routing import admins, unrouted
from storage.uow import UnitOfWork

log = logging.getLogger("rapport.requests")
PRODUCT_COLUMNS = frozenset({"product", "products", "产品"})  # an imported deal's column naming its product
CARD_AGAIN = timedelta(hours=1)  # a card Slack refused for good is tried again this much later, not every minute


def card_key(request_id: int, n: int = 1) -> str:
    """The outbox key of a request's card in its queue's channel (the n-th try after one was lost)."""
    return f"request:{request_id}:card" + (f":{n}" if n > 1 else "")


def opened_key(request_id: int) -> str:
    """The outbox key of the DM that opens the requester's thread."""
    return f"request:{request_id}:opened"


@dataclass(frozen=True)
class Routed:
    """Where a request went, by which rule and why, and whom the queue's policy proposed it to."""

    request: ResourceRequest
    decision: RouteDecision
    proposed: str | None


def request_facts(uow: UnitOfWork, request: ResourceRequest, rules: RoutingRules) -> RequestFacts:
    """What routing reads: the type, the account's region and industry, and the deal's product."""
    account = uow.accounts.get(request.account_id) if request.account_id else None
    deal = uow.deals.get(request.deal_id) if request.deal_id else None
    return RequestFacts(request.type, account.region if account else None, account.industry if account else None,
                        _products(uow, deal, rules))


def _products(uow: UnitOfWork, deal: Deal | None, rules: RoutingRules) -> tuple[str, ...]:
    """The deal's own product column when it was imported with one, else the rules' products its name names."""
    if deal is None:
        return ()
    custom = {str(k).strip().casefold(): v for k, v in uow.deals.custom_of(deal.id).items()}
    written = next((custom[k] for k in PRODUCT_COLUMNS if custom.get(k)), None)
    if written:
        items = written if isinstance(written, list) else str(written).replace("，", ",").split(",")
        return tuple(str(p).strip() for p in items if str(p).strip())
    named = {p for rule in rules.rules for p in rule.products or ()}
    return tuple(sorted(p for p in named if p.strip().casefold() in deal.name.casefold()))


def route_request(uow: UnitOfWork, request: ResourceRequest, rules: RoutingRules, *, now: datetime,
                  actor: str | None = None) -> Routed | None:
    """Route an open request inside the caller's unit of work (which commits); None when it was routed already."""
    facts = request_facts(uow, request, rules)
    decision = route(facts, rules)
    queue = decision.queue
    payload: dict[str, Any] = {"request_id": request.id, "channel": queue.channel,
                               "rule": None if decision.rule_index is None else decision.rule_index + 1}
    # The card goes first, so the requester's first line can link its channel; whichever is enqueued first is the
    # guard that two workers finding the request at once route it once.
    posts = [Delivery(uow.workspace_id, REQUEST_OPENED, request.requester_slack_id, now, opened_key(request.id),
                      payload)]
    if queue.channel:
        posts.insert(0, Delivery(uow.workspace_id, REQUEST_CARD, queue.channel, now, card_key(request.id), payload))
    if not uow.outbox.enqueue(posts[0]):
        return None
    state = PolicyState(uow.requests.last_assigned(queue.name), uow.requests.open_load(queue.name))
    proposed = assignee(queue, state, needs=facts.needs(), exclude=frozenset({request.requester_slack_id}))
    uow.requests.routed(request.id, queue=queue.name, rule_index=decision.rule_index, now=now, actor=actor,
                        facts={"region": facts.region, "industry": facts.industry,
                               "product": ", ".join(facts.products)[:128] or None})
    if proposed:
        uow.requests.offer(request.id, to=proposed, now=now, actor=None, kind="assigned")
    for post in posts[1:]:
        uow.outbox.enqueue(post)
    log.info("request %s of %s: %s; proposed to %s", request.id, uow.workspace_id, decision.reason, proposed)
    return Routed(uow.requests.get(request.id) or request, decision, proposed)


def rules_now(uow: UnitOfWork, live: LiveRules, *, now: datetime, default_locale: str) -> RoutingRules:
    """The workspace's rules to route with, the file read again if it changed; a bad edit is told to the admins
    of the workspace the file serves."""
    bad = live.check(now)
    if bad is not None and live.serves(uow.workspace_id):
        tell_admins(uow, bad, now=now, default_locale=default_locale)
    return live.for_workspace(uow.workspace_id)


def open_request(*, uow: UnitOfWork, user: User, type: str, deal_id: int | None, needed_by: date | None,
                 details: str | None, live: LiveRules, now: datetime, source: SourceMessage,
                 default_locale: str) -> Routed:
    """A request a rep makes in the dialog, on a deal they may see, created, audited and routed at once."""
    with uow:
        deal = visible_deal_by_id(uow, user, deal_id) if deal_id is not None else None
        made = uow.resource_requests.add(ResourceRequest(0, type, user.slack_user_id, needed_by, details,
                                                         deal.account_id if deal else None, deal.id if deal else None),
                                         now=now)
        uow.audit.record(AuditEntry(user.slack_user_id, now, "resource_request", made.id, "create", None,
                                    {"type": type, "deal": deal.name if deal else None,
                                     "needed_by": needed_by.isoformat() if needed_by else None}, source))
        rules = rules_now(uow, live, now=now, default_locale=default_locale)
        routed = route_request(uow, made, rules, now=now, actor=user.slack_user_id)
        assert routed is not None  # a request made in this transaction cannot have been routed before
        uow.commit()
    return routed


def route_waiting(*, sessions: sessionmaker[Session], live: LiveRules, now: datetime, default_locale: str) -> int:
    """The worker's step: tell admins of a bad rules edit, route each request no queue was chosen for yet (a
    confirmed log's), each in its own transaction, and card again those whose card was lost; how many were routed."""
    bad = live.check(now)
    if bad is not None:
        _tell_admins_served(sessions, live, bad, now=now, default_locale=default_locale)
    with sessions() as session:
        waiting = unrouted(session)
    routed = sum(_route_one(UnitOfWork(sessions, ws), request_id, live.for_workspace(ws), now)
                 for ws, request_id in waiting)
    carded = card_again(sessions=sessions, live=live, now=now)
    if carded:
        log.info("enqueued %d presales request cards again, their first never reached the channel", carded)
    return routed


def card_again(*, sessions: sessionmaker[Session], live: LiveRules, now: datetime) -> int:
    """Enqueue a new card for each open request whose card was dropped or refused and none is posted or on its way,
    in its queue's channel as the rules say now; a card Slack refused for good is tried again an hour later."""
    with sessions() as session:
        lost = [(ws, r, live.for_workspace(ws).queue(r.queue or DEFAULT_QUEUE).channel) for ws, r in uncarded(session)]
    return sum(_card_again(UnitOfWork(sessions, ws), request, channel, now)
               for ws, request, channel in lost if channel)


def _card_again(uow: UnitOfWork, request: ResourceRequest, channel: str, now: datetime) -> int:
    with uow:
        tries = card_tries(uow.session, uow.workspace_id, request.id)
        due = now + CARD_AGAIN if tries and tries[-1] == FAILED else now
        payload = {"request_id": request.id, "channel": channel,
                   "rule": None if request.rule_index is None else request.rule_index + 1}
        new = uow.outbox.enqueue(Delivery(uow.workspace_id, REQUEST_CARD, channel, due,
                                          card_key(request.id, len(tries) + 1), payload))
        uow.commit()
    return int(new)


def _route_one(uow: UnitOfWork, request_id: int, rules: RoutingRules, now: datetime) -> int:
    with uow:
        request = uow.requests.get(request_id)
        if request is None or request.state != "open" or request.queue is not None:
            return 0
        if route_request(uow, request, rules, now=now) is None:
            return 0
        uow.commit()
    return 1


def _tell_admins_served(sessions: sessionmaker[Session], live: LiveRules, bad: BadVersion, *, now: datetime,
                        default_locale: str) -> None:
    """The admins of the workspace the file serves hear of a bad edit (with one bot token: of the one there is)."""
    with sessions() as session:
        workspaces = sorted({ws for ws, _who, _locale in admins(session) if live.serves(ws)})
    if not workspaces:
        log.warning("the presales rules file was refused and no admin is known to tell")
    for ws in workspaces:
        with UnitOfWork(sessions, ws) as uow:
            tell_admins(uow, bad, now=now, default_locale=default_locale)
            uow.commit()
