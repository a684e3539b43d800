"""What follows each step of a presales request in Slack: the queue card redrawn, the requester told in their
thread, and the person it is proposed to called in the card's thread.

Each Slack call stands alone: a card that cannot be redrawn is logged and the requester is still told.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from domain.entities import ResourceRequest
from domain.routing import RoutingRules
from handlers.blocks.requests import request_card_blocks, request_card_text, what, who
from handlers.deps import Deps
from prompts import t
from services.request_routing import rules_now
from services.requests_card import RequestCard
from services.requests_flow import StepResult

log = logging.getLogger("rapport.requests")


def slack(call: Callable[[], Any], what: str) -> Any:
    """One Web API call whose failure is logged, not raised: the step is already kept in the store."""
    try:
        return call()
    except SlackApiError as e:
        log.warning("presales request: %s failed (%s)", what, e.response.get("error"))
        return None


def redraw(client: WebClient, deps: Deps, card: RequestCard, at: tuple[str | None, str | None] = (None, None)) -> None:
    """Show the card as the request now stands, where it was posted (or where it was pressed)."""
    r = card.request
    channel, ts = (r.queue_card.channel, r.queue_card.ts) if r.queue_card else at
    if not channel or not ts:
        return
    locale, rule = deps.default_locale, None if r.rule_index is None else r.rule_index + 1
    slack(lambda: client.chat_update(channel=channel, ts=ts, text=request_card_text(card, locale),
                                     blocks=request_card_blocks(card, locale, rule=rule)), "redrawing the card")


def rules_in_force(deps: Deps, context: BoltContext) -> RoutingRules:
    """The presales rules as their file says now: an edit is read within a minute, as the dialog routes with it
    (a bad edit keeps the rules in force and is told to the admins)."""
    uow = deps.uow(context)
    with uow:
        rules = rules_now(uow, deps.presales, now=deps.clock.now(), default_locale=deps.default_locale)
        uow.commit()
    return rules


def tell_requester(client: WebClient, request: ResourceRequest, text: str,
                   blocks: list[dict[str, Any]] | None = None) -> None:
    """A line in the requester's thread (their DM, when the thread is not posted yet)."""
    if request.thread is not None:
        thread = request.thread
        slack(lambda: client.chat_postMessage(channel=thread.channel, thread_ts=thread.ts, text=text, blocks=blocks),
              "telling the requester")
        return
    direct(client, request.requester_slack_id, text, blocks)


def direct(client: WebClient, user: str, text: str, blocks: list[dict[str, Any]] | None = None) -> None:
    """A DM to someone."""
    opened = slack(lambda: client.conversations_open(users=user), "opening a DM")
    if opened:
        slack(lambda: client.chat_postMessage(channel=opened["channel"]["id"], text=text, blocks=blocks),
              "sending a DM")


def call_in_card_thread(client: WebClient, request: ResourceRequest, text: str) -> None:
    """A line under the queue card, so the person it names is notified."""
    if request.queue_card is not None:
        card = request.queue_card
        slack(lambda: client.chat_postMessage(channel=card.channel, thread_ts=card.ts, text=text),
              "calling someone in the card's thread")


def notice(client: WebClient, channel: str | None, user: str, text: str) -> None:
    """A line only the presser sees, where they pressed."""
    if channel:
        slack(lambda: client.chat_postEphemeral(channel=channel, user=user, text=text), "telling the presser")


def pressed_value(body: dict[str, Any]) -> int:
    """The request a pressed button names (0: none)."""
    value = str(body["actions"][0].get("value") or "")
    return int(value) if value.isdigit() else 0


def told(deps: Deps, client: WebClient, context: BoltContext, card: RequestCard,
         person: str | None = None) -> tuple[str, str]:
    """Someone's language (the requester's unless named), and the request as a sentence in it."""
    locale = deps.locale(deps.user(client, context, person or card.request.requester_slack_id))
    return locale, what(card.request, card.account, locale)


def stepped(deps: Deps, client: WebClient, result: StepResult, done: str, at: tuple[str | None, str | None],
             user_id: str, locale: str) -> bool:
    """Redraw the card after a step; True when the step was taken, else the presser is told why not."""
    if result.card is not None:
        redraw(client, deps, result.card, at)
    if result.outcome == done:
        return True
    holder = who(result.card.request.assignee_slack_id) if result.card else "—"
    notice(client, at[0], user_id, t(locale, f"request.notice.{result.outcome}", who=holder))
    return False
