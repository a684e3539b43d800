"""The worker's part in presales requests: route what a confirmed log asked for, post each request's queue card and
the DM that opens its requester's thread, and remember where both went so every later step can find them."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from bot.settings import Settings
from domain.entities import SlackMessage
from domain.outbox import REQUEST_CARD, REQUEST_OPENED, Delivery
from handlers.blocks.request_withdraw import opened_blocks
from handlers.blocks.requests import opened_text, request_card_blocks, request_card_text
from prompts import normalise_locale, t
from services.outbox import DeliveryRefused, Posted, Render, Rendered, Sender
from services.request_routing import route_waiting
from services.requests_card import read_card
from services.requests_rules import LiveRules
from storage.repos_request_routing import admins
from storage.uow import UnitOfWork, UnitOfWorkFactory

log = logging.getLogger("rapport.worker")
POSTS = frozenset({REQUEST_CARD, REQUEST_OPENED})
CARD_REFUSED = "request_card_refused"  # a DM (payload: text): a request's card could not be posted in its channel


def route_requests(settings: Settings, live: LiveRules) -> Callable[[sessionmaker[Session], datetime], int]:
    """The tick's first step: requests no queue was chosen for yet get one, their card and thread enqueued."""
    def run(sessions: sessionmaker[Session], now: datetime) -> int:
        routed = route_waiting(sessions=sessions, live=live, now=now, default_locale=settings.rapport_locale)
        if routed:
            log.info("routed %d presales requests from confirmed logs", routed)
        return routed
    return run


def with_request_cards(settings: Settings, render: Render, sessions: sessionmaker[Session]) -> Render:
    """The worker's composer, which also writes a request's card and the first line of its thread at send time."""
    uows = UnitOfWorkFactory(sessions)

    def composed(delivery: Delivery) -> Rendered | None:
        if delivery.kind not in POSTS:
            return render(delivery)
        return _request_post(settings, uows(delivery.workspace_id), delivery)
    return composed


def _request_post(settings: Settings, uow: UnitOfWork, delivery: Delivery) -> Rendered | None:
    """The card (in the workspace's language) or the requester's first line (in theirs, with Withdraw), as the
    request stands; None once it was posted (a retry that found it), or the request is gone or withdrawn."""
    with uow:
        request = uow.requests.get(int(delivery.payload.get("request_id") or 0))
        posted = request and (request.queue_card if delivery.kind == REQUEST_CARD else request.thread)
        if request is None or posted or request.state == "cancelled":
            return None
        card = read_card(uow, request)
        rule = delivery.payload.get("rule")
        if delivery.kind == REQUEST_CARD:
            locale = settings.rapport_locale
            return Rendered(request_card_text(card, locale), request_card_blocks(card, locale, rule=rule),
                            {**delivery.payload, "locale": locale})
        requester = uow.users.get(request.requester_slack_id)
        locale = normalise_locale(requester.locale if requester else None, settings.rapport_locale)
        channel = request.queue_card.channel if request.queue_card else delivery.payload.get("channel")
        text = opened_text(card, locale, channel=channel, rule=rule, queue_default=rule is None)
        blocks = opened_blocks(text, request.id, locale, withdrawable=request.state in ("open", "accepted"))
        return Rendered(text, blocks, {**delivery.payload, "locale": locale})


def keep_request_cards(send: Sender, sessions: sessionmaker[Session], settings: Settings) -> Sender:
    """After a request's card or first thread line is posted, keep where it is on the request; a card Slack refuses
    for good (Rapport not invited into the channel, a channel that is gone) is told to the requester and the admins."""
    def sent(delivery: Delivery) -> Posted | None:
        try:
            posted = send(delivery)
        except DeliveryRefused as e:
            if delivery.kind == REQUEST_CARD:
                _card_refused(UnitOfWork(sessions, delivery.workspace_id), delivery, str(e), settings)
            raise
        if posted is not None and delivery.kind in POSTS:
            where = SlackMessage(posted.channel, posted.ts)
            with UnitOfWork(sessions, delivery.workspace_id) as uow:
                uow.requests.carded(int(delivery.payload.get("request_id") or 0),
                                    queue_card=where if delivery.kind == REQUEST_CARD else None,
                                    thread=where if delivery.kind == REQUEST_OPENED else None)
                uow.commit()
        return posted
    return sent


def _card_refused(uow: UnitOfWork, delivery: Delivery, error: str, settings: Settings) -> None:
    """Whoever can act on a card that will never be posted hears of it once: the requester and the admins."""
    request_id = int(delivery.payload.get("request_id") or 0)
    with uow:
        request = uow.requests.get(request_id)
        readers = {request.requester_slack_id} if request else set()
        readers |= {who for _ws, who, _locale in admins(uow.session, uow.workspace_id)}
        for reader in sorted(readers):
            profile = uow.users.get(reader)
            locale = normalise_locale(profile.locale if profile else None, settings.rapport_locale)
            text = t(locale, "request.card_refused", channel=delivery.recipient_slack_id, error=error)
            uow.outbox.enqueue(Delivery(uow.workspace_id, CARD_REFUSED, reader, delivery.due_at,
                                        f"request:{request_id}:card_refused:{reader}", {"text": text}))
        uow.commit()
