"""Choosing the pitch each role of a deal's chain hears: the deal card's Choose pitch button and its dialog."""

from __future__ import annotations

import json
import logging
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from domain.entities import SourceMessage, User
from handlers import ids
from handlers.blocks.deal_card import deal_card_blocks
from handlers.blocks.deal_pitches import choice_error, choice_form, choose_pitch_view_blocks
from handlers.deps import Deps, pressed_card
from prompts import t
from services.deal_pitches import Choice, NotInChain, PitchGone, choose_pitch, pitch_choices
from services.deals import deal_card
from services.visibility import NotFound

log = logging.getLogger("rapport.handlers")


def _save(deps: Deps, context: BoltContext, user: User, meta: dict[str, Any], role: str,
          pitch: int | None) -> Choice | str:
    """Save the choice; what stops it ("deal", "role", "pitch") when it cannot be saved."""
    try:
        return choose_pitch(uow=deps.uow(context), user=user, deal_id=int(meta["deal"]), role=role,
                            proposition_id=pitch, now=deps.clock.now(),
                            source=SourceMessage(meta.get("channel"), meta.get("ts")))
    except NotFound:  # not a deal they may see
        return "deal"
    except NotInChain:
        return "role"
    except PitchGone:  # archived while the dialog was open
        return "pitch"


def _said(choice: Choice, locale: str) -> str:
    """The card's notification text: who hears what now."""
    values = {"deal": choice.deal.name, "role": t(locale, f"role.{choice.role}"),
              "title": choice.proposition.title if choice.proposition else ""}
    return t(locale, "dealpitch.saved" if choice.proposition else "dealpitch.cleared", **values)


def _show_card(deps: Deps, context: BoltContext, client: WebClient, user: User, meta: dict[str, Any],
               said: str) -> None:
    """The card again, with the choice on it: in place of the card pressed, else as a new message in the DM."""
    view = deal_card(uow=deps.uow(context), user=user, query="", today=deps.local_now(user).date(),
                     deal_id=int(meta["deal"]))
    blocks = deal_card_blocks(view, deps.locale(user))
    if meta.get("url"):  # an ephemeral card can only be replaced through the response_url of its button
        try:
            if Respond(response_url=meta["url"])(text=said, blocks=blocks, replace_original=True).status_code == 200:
                return
        except OSError as e:  # the URL lapses after 30 minutes: post the card anew instead
            log.info("deal card not replaced (%s); posting it again", e)
    channel = client.conversations_open(users=user.slack_user_id)["channel"]["id"]
    client.chat_postMessage(channel=channel, text=said, blocks=blocks)


def register(app: App, deps: Deps) -> None:
    """Entry points: Choose pitch on the deal card, and its dialog."""

    @app.action(ids.DEALPITCH_CHOOSE)
    def on_choose(ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient, respond: Respond) -> None:
        ack()
        user = deps.user(client, context, body["user"]["id"])
        locale = deps.locale(user)
        try:
            choices = pitch_choices(uow=deps.uow(context), user=user, deal_id=int(body["actions"][0]["value"]))
        except NotFound:
            respond(text=t(locale, "dealpitch.not_found"), response_type="ephemeral", replace_original=False)
            return
        if not choices.library or not choices.roles:  # emptied since the card was drawn: nothing to choose
            said = "dealpitch.empty_library" if not choices.library else "dealpitch.no_chain"
            respond(text=t(locale, said), response_type="ephemeral", replace_original=False)
            return
        channel, ts = pressed_card(body)  # the audit names the card; the response_url lets us redraw it
        card = {"channel": channel, "ts": ts, "url": body.get("response_url")}
        client.views_open(trigger_id=body["trigger_id"], view=choose_pitch_view_blocks(choices, locale, card))

    @app.view(ids.DEALPITCH_VIEW)
    def on_chosen(ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
        meta = json.loads(body["view"]["private_metadata"])
        role, pitch = choice_form(body["view"]["state"]["values"])
        user = deps.user(client, context, body["user"]["id"])
        locale = deps.locale(user)
        saved = _save(deps, context, user, meta, role, pitch)
        if isinstance(saved, str):  # saved nothing: the dialog stays open and says why
            ack(response_action="errors", errors=choice_error(saved, locale))
            return
        ack()
        _show_card(deps, context, client, user, meta, _said(saved, locale))
