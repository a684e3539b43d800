"""Editing a deal from its card: the Edit deal button and its dialog."""

from __future__ import annotations

import json
from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from domain.deal_edit import check_deal_edit
from domain.entities import SourceMessage
from handlers import ids
from handlers.blocks.deal_card import deal_card_blocks
from handlers.blocks.deal_edit import deal_edit_view, deal_form, deal_form_errors
from handlers.deps import Deps, pressed_card
from prompts import t
from services.deal_edit import deal_to_edit, edit_deal
from services.deals import deal_card


def register(app: App, deps: Deps) -> None:
    """Entry points: the Edit deal button and its dialog."""

    @app.action(ids.DEAL_EDIT)
    def on_edit_deal(ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
        ack()
        user = deps.user(client, context, body["user"]["id"])
        deal = deal_to_edit(uow=deps.uow(context), user=user, deal_id=int(body["actions"][0]["value"]))
        source = SourceMessage(*pressed_card(body))  # the audit entry names the card as the change's source
        client.views_open(trigger_id=body["trigger_id"], view=deal_edit_view(deal, deps.locale(user), source))

    @app.view(ids.DEAL_EDIT_VIEW)
    def on_deal_saved(ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
        values, meta = body["view"]["state"]["values"], json.loads(body["view"]["private_metadata"])
        changes, problems = check_deal_edit(deal_form(values))
        if problems:  # an amount, currency or close date that cannot be saved: the dialog says what to fix
            ack(response_action="errors", errors=deal_form_errors(problems, meta.get("locale") or deps.default_locale))
            return
        ack()
        user = deps.user(client, context, body["user"]["id"])
        deal = edit_deal(uow=deps.uow(context), user=user, deal_id=int(meta["id"]), changes=changes,
                         now=deps.clock.now(), source=SourceMessage(meta.get("channel"), meta.get("ts")))
        view = deal_card(uow=deps.uow(context), user=user, query=deal.name, today=deps.local_now(user).date(),
                         deal_id=deal.id)
        channel = client.conversations_open(users=user.slack_user_id)["channel"]["id"]
        locale = deps.locale(user)
        client.chat_postMessage(channel=channel, text=t(locale, "deal_edit.saved", name=deal.name),
                                blocks=deal_card_blocks(view, locale))
