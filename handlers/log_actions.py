"""The buttons and dialog of a log's card: Confirm, Edit, Discard and "which 张伟?"."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from domain.entities import User
from handlers import ids
from handlers.blocks.log_card import log_card_blocks, log_card_text
from handlers.blocks.log_edit import log_edit_values, log_edit_view_blocks
from handlers.deps import Deps, pressed_card
from prompts import t
from services.log_meeting import (
    DraftNotFound,
    LogCardView,
    choose_contact,
    confirm_log,
    discard_log,
    draft_parsed,
    edit_log,
)


def show_card(client: WebClient, view: LogCardView, locale: str, *, user_id: str,
              channel: str | None, ts: str | None) -> None:
    """Update the card in place; a refusal meant for the presser alone goes to them ephemerally."""
    if view.notice == "not_yours" and channel:
        client.chat_postEphemeral(channel=channel, user=user_id, text=t(locale, "notice.not_yours"))
        return
    channel, ts = channel or view.card_channel, ts or view.card_ts
    if channel and ts:
        client.chat_update(channel=channel, ts=ts, text=log_card_text(view, locale),
                           blocks=log_card_blocks(view, locale))


def _on_card(deps: Deps, use_case: Callable[..., LogCardView]) -> Callable[..., None]:
    """A card button: ack, run one use case as the presser, show the card it returns."""

    def listener(ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
        ack()
        user = deps.user(client, context, body["user"]["id"])
        channel, ts = pressed_card(body)
        try:
            view = use_case(deps, context, user, body["actions"][0]["value"])
        except DraftNotFound:
            if channel:
                client.chat_postEphemeral(channel=channel, user=user.slack_user_id,
                                          text=t(deps.locale(user), "error.draft_gone"))
            return
        show_card(client, view, deps.locale(user), user_id=user.slack_user_id, channel=channel, ts=ts)

    return listener


def _confirm(deps: Deps, context: BoltContext, user: User, value: str) -> LogCardView:
    local = deps.local_now(user)
    return confirm_log(uow=deps.uow(context), draft_id=int(value), actor=user.slack_user_id,
                       now=deps.clock.now(), today=local.date(), tz=str(local.tzinfo), morning=deps.morning)


def _discard(deps: Deps, context: BoltContext, user: User, value: str) -> LogCardView:
    return discard_log(uow=deps.uow(context), draft_id=int(value), actor=user.slack_user_id, now=deps.clock.now())


def _pick(deps: Deps, context: BoltContext, user: User, value: str) -> LogCardView:
    picked = json.loads(value)
    return choose_contact(uow=deps.uow(context), draft_id=int(picked["d"]), actor=user.slack_user_id,
                          written=picked["w"], choice=str(picked["c"]))


def register(app: App, deps: Deps) -> None:
    """Entry points: the card's buttons and the Edit dialog."""

    app.action(ids.LOG_CONFIRM)(_on_card(deps, _confirm))
    app.action(ids.LOG_DISCARD)(_on_card(deps, _discard))
    app.action(ids.LOG_PICK)(_on_card(deps, _pick))

    @app.action(ids.LOG_EDIT)
    def on_edit(ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
        ack()
        user = deps.user(client, context, body["user"]["id"])
        draft_id = int(body["actions"][0]["value"])
        parsed = draft_parsed(uow=deps.uow(context), draft_id=draft_id)
        channel, ts = pressed_card(body)
        client.views_open(trigger_id=body["trigger_id"],
                          view=log_edit_view_blocks(draft_id, parsed, deps.locale(user), channel, ts))

    @app.view(ids.LOG_EDIT_VIEW)
    def on_edit_submitted(ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
        ack()
        user = deps.user(client, context, body["user"]["id"])
        meta = json.loads(body["view"]["private_metadata"])
        text, edits = log_edit_values(body["view"]["state"]["values"], list(meta.get("n") or []))
        view = edit_log(uow=deps.uow(context), draft_id=int(meta["d"]), actor=user.slack_user_id, text=text,
                        edits=edits, now=deps.local_now(user), understand=deps.understand)
        show_card(client, view, deps.locale(user), user_id=user.slack_user_id, channel=meta.get("c"),
                  ts=meta.get("t"))
