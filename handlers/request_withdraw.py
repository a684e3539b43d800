"""Withdraw, on the DM that opens a presales requester's thread: the requester calls the request off.

The queue card is redrawn as withdrawn (no buttons left), the requester's thread says so, whoever held it
is told under the card, and the pressed DM keeps its words without the button. A press by anyone else,
or on a request already done or withdrawn, is answered to the presser only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from domain.entities import SourceMessage
from handlers import ids
from handlers.blocks.request_withdraw import opened_blocks
from handlers.blocks.requests import what, who
from handlers.deps import Deps, pressed_card
from handlers.request_steps import call_in_card_thread, notice, pressed_value, redraw, slack, tell_requester
from prompts import t
from services.requests_withdraw import Withdrawal, withdraw_request

Listener = Callable[..., None]
NOTICES = {"not_yours": "request.withdraw.not_yours", "closed": "request.notice.closed", "gone": "request.notice.gone"}


def _on_withdraw(deps: Deps) -> Listener:
    """Withdraw pressed: the request is cancelled, or the presser is told why not."""
    def listener(ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
        ack()
        user = deps.user(client, context, body["user"]["id"])
        at = pressed_card(body)
        done = withdraw_request(uow=deps.uow(context), request_id=pressed_value(body), by=user.slack_user_id,
                                now=deps.clock.now(), source=SourceMessage(*at))
        locale = deps.locale(user)
        if done.outcome != "withdrawn" or done.card is None:
            notice(client, at[0], user.slack_user_id, t(locale, NOTICES.get(done.outcome, "request.notice.closed")))
            return
        _withdrawn(deps, client, done, body, locale)
    return listener


def _withdrawn(deps: Deps, client: WebClient, done: Withdrawal, body: dict[str, Any], locale: str) -> None:
    """Everyone who saw the request sees it withdrawn: its card, the requester's thread, whoever held it."""
    assert done.card is not None
    r, account = done.card.request, done.card.account
    redraw(client, deps, done.card)
    channel, ts = pressed_card(body)
    text = str((body.get("message") or {}).get("text") or "")
    if channel and ts and text:
        slack(lambda: client.chat_update(channel=channel, ts=ts, text=text,
                                         blocks=opened_blocks(text, r.id, locale, withdrawable=False)),
              "taking Withdraw off the requester's DM")
    tell_requester(client, r, t(locale, "request.withdraw.done", what=what(r, account, locale)))
    if done.holder:
        card_locale = deps.default_locale
        call_in_card_thread(client, r, t(card_locale, "request.withdraw.card_line", who=who(done.holder),
                                         requester=who(r.requester_slack_id), what=what(r, account, card_locale)))


def register(app: App, deps: Deps) -> None:
    """Entry point: the Withdraw button on the requester's DM."""
    app.action(ids.REQUEST_WITHDRAW)(_on_withdraw(deps))
