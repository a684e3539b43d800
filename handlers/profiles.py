"""Editing a person's profile from any card that shows them."""

from __future__ import annotations

import json
from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from domain.entities import SourceMessage
from handlers import ids
from handlers.blocks.person_card import (
    date_to_add,
    person_card_blocks,
    profile_values,
    profile_view_blocks,
    rhythm_error,
)
from handlers.deps import Deps, pressed_card
from prompts import t
from services.people import person_profile, profile_to_edit, update_profile


def register(app: App, deps: Deps) -> None:
    """Entry points: the Edit profile button and its dialog."""

    @app.action(ids.PROFILE_EDIT_ANY)
    def on_edit_profile(ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
        ack()
        user = deps.user(client, context, body["user"]["id"])
        contact = profile_to_edit(uow=deps.uow(context), user=user, contact_id=int(body["actions"][0]["value"]))
        source = SourceMessage(*pressed_card(body))  # the audit entry names the card as the change's source
        client.views_open(trigger_id=body["trigger_id"], view=profile_view_blocks(contact, deps.locale(user), source))

    @app.view(ids.PROFILE_VIEW)
    def on_profile_saved(ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
        values, meta = body["view"]["state"]["values"], json.loads(body["view"]["private_metadata"])
        said_in = meta.get("locale") or deps.default_locale
        added, errors = date_to_add(values, said_in)
        errors |= rhythm_error(values, said_in)
        if errors:  # a half-filled date or a rhythm out of range: the dialog stays open and says what to fix
            ack(response_action="errors", errors=errors)
            return
        ack()
        user = deps.user(client, context, body["user"]["id"])
        contact = update_profile(uow=deps.uow(context), user=user, changes=profile_values(values), date=added,
                                 now=deps.clock.now(), contact_id=int(meta["id"]),
                                 source=SourceMessage(meta.get("channel"), meta.get("ts")))
        profile = person_profile(uow=deps.uow(context), user=user, query=contact.name,
                                 today=deps.local_now(user).date(), contact_id=contact.id)
        channel = client.conversations_open(users=user.slack_user_id)["channel"]["id"]
        locale = deps.locale(user)
        client.chat_postMessage(channel=channel, text=t(locale, "profile.saved", name=contact.name),
                                blocks=person_card_blocks(profile, locale))
