"""Pitch cards before meetings: "I pitched these", each point's Pitched and Cancelled; `/rapport meeting` and its dialog."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from domain.entities import SourceMessage, User
from handlers import ids
from handlers.blocks.meeting_dialog import meeting_errors, meeting_form, meeting_view_blocks
from handlers.blocks.my_day import local_date
from handlers.blocks.pitch_reminder import pitch_reminder_blocks, pitch_reminder_text
from handlers.command_call import CommandCall
from handlers.deps import Deps, pressed_card
from prompts import t
from services.pitch_cancel import cancel_from_card
from services.pitch_delivered import PitchCardNotFound, PitchOutcome, mark_pitched
from services.plan_meeting import meeting_choices, plan_meeting
from services.users import user_zone
from services.visibility import NotFound


def _meeting(call: CommandCall) -> None:
    """Open the dialog on the rep's tomorrow, with the people and open deals they may pick."""
    choices = meeting_choices(uow=call.deps.uow(call.context), user=call.user)
    if not choices.people:
        call.respond(text=t(call.locale, "meeting.no_people"), response_type="ephemeral")
        return
    tomorrow = call.deps.local_now(call.user).date() + timedelta(days=1)
    call.client.views_open(trigger_id=call.command["trigger_id"],
                           view=meeting_view_blocks(choices, call.locale, day=tomorrow,
                                                    channel=call.command.get("channel_id")))


VERBS: dict[str, Callable[[CommandCall], None]] = {"meeting": _meeting}
WITHOUT_ARGUMENT = frozenset({"meeting"})  # the bare verb opens the dialog


def _pressed(value: Any) -> tuple[int, tuple[int, int] | None]:
    """The delivery a button names, and for a single point its (member, point) positions on the card."""
    try:
        parts = [int(x) for x in str(value).split(":")]
    except ValueError:
        raise PitchCardNotFound(str(value)) from None
    if len(parts) == 3:
        return parts[0], (parts[1], parts[2])
    if len(parts) == 1:
        return parts[0], None
    raise PitchCardNotFound(str(value))


def _on_pitched(deps: Deps) -> Callable[..., None]:
    """Either pitched button: record what the rep pitched, then show the card with it marked."""

    def press(deps: Deps, context: BoltContext, user: User, value: Any, source: SourceMessage) -> PitchOutcome:
        delivery_id, point = _pressed(value)
        return mark_pitched(uow=deps.uow(context), delivery_id=delivery_id, actor=user.slack_user_id,
                            now=deps.clock.now(), zone=user_zone(user, deps.default_tz), point=point)

    return _card_button(deps, press)


def _on_cancelled(deps: Deps) -> Callable[..., None]:
    """Cancelled: the meeting is off, audited; the card says so and its next card is not sent."""

    def press(deps: Deps, context: BoltContext, user: User, value: Any, source: SourceMessage) -> PitchOutcome:
        delivery_id, _ = _pressed(value)
        return cancel_from_card(uow=deps.uow(context), delivery_id=delivery_id, actor=user.slack_user_id,
                                now=deps.clock.now(), zone=user_zone(user, deps.default_tz), source=source)

    return _card_button(deps, press)


def _card_button(deps: Deps, press: Callable[[Deps, BoltContext, User, Any, SourceMessage], PitchOutcome]
                 ) -> Callable[..., None]:
    """A pitch card's button: do what it says, redraw the card, and tell the presser what was not done."""

    def listener(ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
        ack()
        user = deps.user(client, context, body["user"]["id"])
        locale, (channel, ts) = deps.locale(user), pressed_card(body)
        try:
            outcome = press(deps, context, user, body["actions"][0].get("value"), SourceMessage(channel, ts))
        except PitchCardNotFound:
            outcome = PitchOutcome(None, "gone")
        if outcome.card is not None and channel and ts:
            client.chat_update(channel=channel, ts=ts, text=pitch_reminder_text(outcome.card, locale),
                               blocks=pitch_reminder_blocks(outcome.card, locale))
        if outcome.notice and channel:
            client.chat_postEphemeral(channel=channel, user=user.slack_user_id,
                                      text=t(locale, f"reminder.notice.{outcome.notice}"))

    return listener


def register(app: App, deps: Deps) -> None:
    """Entry points: the pitch card's buttons and the meeting dialog."""
    app.action(ids.PITCH_DELIVERED)(_on_pitched(deps))
    app.action(ids.PITCH_POINT)(_on_pitched(deps))
    app.action(ids.PITCH_CANCELLED)(_on_cancelled(deps))

    @app.view(ids.MEETING_VIEW)
    def on_meeting_saved(ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
        meta = json.loads(body["view"].get("private_metadata") or "{}")
        user = deps.user(client, context, body["user"]["id"])
        locale, local = meta.get("locale") or deps.locale(user), deps.local_now(user)
        form = meeting_form(body["view"]["state"]["values"])
        errors = meeting_errors(form, local.date(), locale)
        if errors or form.on is None:
            ack(response_action="errors", errors=errors)
            return
        ack()
        channel = client.conversations_open(users=user.slack_user_id)["channel"]["id"]
        try:
            saved = plan_meeting(uow=deps.uow(context), user=user, contact_ids=form.people, on=form.on, at=form.at,
                                   deal_id=form.deal_id, topic=form.topic, now=deps.clock.now(), tz=str(local.tzinfo),
                                   source=SourceMessage(meta.get("channel"), None))
        except NotFound:
            client.chat_postMessage(channel=channel, text=t(locale, "meeting.not_found"))
            return
        when = f"{local_date(saved.meeting.on, locale)} {saved.meeting.at or ''}".strip()
        names = t(locale, "reminder.and").join(saved.names)
        client.chat_postMessage(channel=channel, text=t(locale, "meeting.saved", when=when, names=names))
