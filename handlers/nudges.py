"""The buttons of nudge cards: Mark sent, Edit, Snooze, Skip on a greeting; Log it, Snooze, Skip on a touch."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from domain.entities import SourceMessage, User
from domain.outbox import GREETING, TOUCH
from handlers import ids
from handlers.blocks.log_edit import new_log_view_blocks
from handlers.blocks.nudges import greeting_edit_values, greeting_edit_view, nudge_blocks, nudge_text
from handlers.deps import Deps, pressed_card
from prompts import t
from services.nudge_actions import (
    NudgeNotFound,
    NudgeOutcome,
    edit_greeting,
    mark_sent,
    nudge_card,
    skip_nudge,
    snooze_nudge,
)
from services.nudges import GreetingCard, TouchCard
from services.users import user_zone

Where = tuple[str | None, str | None]
UseCase = Callable[[Deps, BoltContext, User, int, Where], NudgeOutcome]


def _delivery_id(value: Any) -> int:
    """The delivery a button names; anything else is a card Rapport does not know."""
    try:
        return int(str(value))
    except ValueError:
        raise NudgeNotFound(str(value)) from None


def show(client: WebClient, outcome: NudgeOutcome, locale: str, *, user_id: str, where: Where) -> None:
    """Update the card in place; a notice goes to the presser alone."""
    channel, ts = where
    if outcome.card is not None and channel and ts:
        client.chat_update(channel=channel, ts=ts, text=nudge_text(outcome.card, locale),
                           blocks=nudge_blocks(outcome.card, locale))
    if outcome.notice and channel:
        client.chat_postEphemeral(channel=channel, user=user_id,
                                  text=t(locale, f"nudge.notice.{outcome.notice}", detail=outcome.detail))


def _on_card(deps: Deps, use_case: UseCase) -> Callable[..., None]:
    """A card button: ack, run one use case as the presser, show the card it returns."""

    def listener(ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
        ack()
        user = deps.user(client, context, body["user"]["id"])
        where = pressed_card(body)
        try:
            outcome = use_case(deps, context, user, _delivery_id(body["actions"][0].get("value")), where)
        except NudgeNotFound:
            outcome = NudgeOutcome(None, "gone")
        show(client, outcome, deps.locale(user), user_id=user.slack_user_id, where=where)

    return listener


def _mark_sent(deps: Deps, context: BoltContext, user: User, delivery_id: int, where: Where) -> NudgeOutcome:
    zone = user_zone(user, deps.default_tz)
    return mark_sent(uow=deps.uow(context), delivery_id=delivery_id, actor=user.slack_user_id, now=deps.clock.now(),
                     today=deps.clock.now().astimezone(zone).date(), zone=zone, locale=deps.locale(user),
                     source=SourceMessage(*where))


def _skip(deps: Deps, context: BoltContext, user: User, delivery_id: int, where: Where) -> NudgeOutcome:
    return skip_nudge(uow=deps.uow(context), delivery_id=delivery_id, actor=user.slack_user_id, now=deps.clock.now(),
                      zone=user_zone(user, deps.default_tz))


def _snooze(deps: Deps, context: BoltContext, user: User, delivery_id: int, where: Where) -> NudgeOutcome:
    return snooze_nudge(uow=deps.uow(context), delivery_id=delivery_id, actor=user.slack_user_id,
                        now=deps.clock.now(), zone=user_zone(user, deps.default_tz), morning=deps.morning)


def _open_dialog(deps: Deps, kind: str, dialog: Callable[[GreetingCard | TouchCard, str, Where], dict[str, Any]]
                 ) -> Callable[..., None]:
    """A button that opens a dialog from the card as it stands (or tells the presser why not)."""

    def listener(ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
        ack()
        user = deps.user(client, context, body["user"]["id"])
        locale, where = deps.locale(user), pressed_card(body)
        try:
            outcome = nudge_card(uow=deps.uow(context), delivery_id=_delivery_id(body["actions"][0].get("value")),
                                 actor=user.slack_user_id, kinds=(kind,), zone=user_zone(user, deps.default_tz))
        except NudgeNotFound:
            outcome = NudgeOutcome(None, "gone")
        if outcome.card is None or outcome.notice:
            show(client, outcome, locale, user_id=user.slack_user_id, where=where)
            return
        client.views_open(trigger_id=body["trigger_id"], view=dialog(outcome.card, locale, where))

    return listener


def _edit_dialog(card: GreetingCard | TouchCard, locale: str, where: Where) -> dict[str, Any]:
    assert isinstance(card, GreetingCard)
    return greeting_edit_view(card, locale, *where)


def _log_dialog(card: GreetingCard | TouchCard, locale: str, where: Where) -> dict[str, Any]:
    # The plan's "Log it" dialog, started with who the touch was with; its submission is the usual log.
    return new_log_view_blocks(t(locale, "prefill.touch", name=card.who.name, account=card.who.account or ""), locale)


def register(app: App, deps: Deps) -> None:
    """Entry points: the nudge cards' buttons and the greeting's Edit dialog."""
    app.action(ids.NUDGE_SENT)(_on_card(deps, _mark_sent))
    app.action(ids.NUDGE_SKIP)(_on_card(deps, _skip))
    app.action(ids.NUDGE_SNOOZE)(_on_card(deps, _snooze))
    app.action(ids.NUDGE_EDIT)(_open_dialog(deps, GREETING, _edit_dialog))
    app.action(ids.NUDGE_LOG)(_open_dialog(deps, TOUCH, _log_dialog))

    @app.view(ids.NUDGE_EDIT_VIEW)
    def on_greeting_edited(ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
        ack()
        user = deps.user(client, context, body["user"]["id"])
        meta = json.loads(body["view"]["private_metadata"])
        where: Where = (meta.get("c"), meta.get("t"))
        try:
            outcome = edit_greeting(uow=deps.uow(context), delivery_id=_delivery_id(meta.get("d")),
                                    actor=user.slack_user_id, text=greeting_edit_values(body["view"]["state"]["values"]),
                                    zone=user_zone(user, deps.default_tz))
        except NudgeNotFound:
            outcome = NudgeOutcome(None, "gone")
        show(client, outcome, deps.locale(user), user_id=user.slack_user_id, where=where)
