"""The dialogs opened from a presales request's card and thread: Decline with a reason, Reassign to a member of
the queue, and the requester's "How did it go?" — each checked before it opens, and again when it is sent."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from domain.entities import SourceMessage, User
from handlers import ids
from handlers.blocks.request_dialogs import (
    decline_view_blocks,
    outcome_view_blocks,
    picked_ids,
    reassign_view_blocks,
    text_value,
    user_value,
)
from handlers.blocks.requests import channel_ref, type_label, who
from handlers.deps import Deps, pressed_card
from handlers.request_steps import call_in_card_thread, notice, pressed_value, stepped, tell_requester, told
from prompts import normalise_locale, t
from services.requests_card import RequestCard, request_card
from services.requests_flow import decline_request, queue_of, reassign_request
from services.requests_outcome import outcome_choices, record_request_outcome
from services.users import user_zone

Listener = Callable[..., None]
Dialog = Callable[[Deps, BoltContext, WebClient, User, int, dict[str, Any]], dict[str, Any] | None]


def open_dialog(deps: Deps, build: Dialog) -> Listener:
    """A button that opens a dialog — or, when the presser may not take that step, tells them why."""
    def listener(ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
        ack()
        user = deps.user(client, context, body["user"]["id"])
        view = build(deps, context, client, user, pressed_value(body), body)
        if view is not None:
            client.views_open(trigger_id=body["trigger_id"], view=view)
    return listener


def _may_not(card: RequestCard | None, user_id: str, *, holder_only: bool) -> str:
    """Why the presser may not take a step ("" when they may): gone, closed, nobody has it, not theirs."""
    r = card.request if card else None
    if r is None:
        return "gone"
    if r.state not in ("open", "accepted"):
        return "closed"
    if holder_only and r.assignee_slack_id != user_id:
        return "nobody" if r.assignee_slack_id is None else "not_yours"
    return ""


def step_dialog(holder_only: bool) -> Dialog:
    """Decline (only whoever holds the request) or Reassign (anyone on the card, to a member of the queue)."""
    def build(deps: Deps, context: BoltContext, client: WebClient, user: User, request_id: int,
              body: dict[str, Any]) -> dict[str, Any] | None:
        locale, at = deps.locale(user), pressed_card(body)
        card = request_card(uow=deps.uow(context), request_id=request_id)
        why = _may_not(card, user.slack_user_id, holder_only=holder_only)
        if why or card is None:
            holder = who(card.request.assignee_slack_id) if card else "—"
            notice(client, at[0], user.slack_user_id, t(locale, f"request.notice.{why or 'gone'}", who=holder))
            return None
        if holder_only:
            return decline_view_blocks(request_id, locale, card=at)
        queue = queue_of(card.request, deps.presales.rules)
        members = list(dict.fromkeys([*(m.slack_id for m in queue.members), *([queue.lead] if queue.lead else [])]))
        return reassign_view_blocks(request_id, members, locale, card=at)
    return build


def outcome_dialog(deps: Deps, context: BoltContext, client: WebClient, user: User, request_id: int,
                   body: dict[str, Any]) -> dict[str, Any] | None:
    """How did it go?: one line, and who of the customer was there."""
    return outcome_view_blocks(request_id, outcome_choices(uow=deps.uow(context), request_id=request_id),
                               deps.locale(user))


def _submitted(body: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any], int, tuple[str | None, str | None]]:
    """A request dialog's metadata, its values, the request and the card it was opened from."""
    meta = json.loads(body["view"].get("private_metadata") or "{}")
    return meta, body["view"]["state"]["values"], int(meta.get("r") or 0), (meta.get("c"), meta.get("ts"))


def _missing(ack: Ack, field: str, locale: str, key: str) -> None:
    ack(response_action="errors", errors={f"{ids.REQUEST_FIELD}{field}": t(locale, key)})


def on_declined(deps: Deps) -> Listener:
    """Decline with its reason: the request goes back to the queue and the requester reads why."""
    def listener(ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
        meta, values, request_id, at = _submitted(body)
        user = deps.user(client, context, body["user"]["id"])
        locale, reason = meta.get("locale") or deps.locale(user), text_value(values, "reason")
        if not reason:
            _missing(ack, "reason", locale, "request.dialog.need_reason")
            return
        ack()
        result = decline_request(uow=deps.uow(context), request_id=request_id, by=user.slack_user_id, reason=reason,
                                 rules=deps.presales.rules, now=deps.clock.now())
        if not stepped(deps, client, result, "declined", at, user.slack_user_id, locale) or result.card is None:
            return
        r, (req_locale, named) = result.card.request, told(deps, client, context, result.card)
        then = (t(req_locale, "request.step.next", who=who(result.proposed)) if result.proposed else
                t(req_locale, "request.step.open", channel=channel_ref(r.queue_card.channel if r.queue_card else None)))
        tell_requester(client, r, t(req_locale, "request.step.declined", who=who(user.slack_user_id), what=named,
                                    reason=reason) + "\n" + then)
        if result.proposed:
            call_in_card_thread(client, r, t(deps.default_locale, "request.queue.proposed", who=who(result.proposed)))
    return listener


def on_reassigned(deps: Deps) -> Listener:
    """Reassign to a member of the queue: proposed to them, called in the card's thread, told to the requester."""
    def listener(ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
        meta, values, request_id, at = _submitted(body)
        user = deps.user(client, context, body["user"]["id"])
        locale, to = meta.get("locale") or deps.locale(user), user_value(values, "to")
        if not to:
            _missing(ack, "to", locale, "request.dialog.need_person")
            return
        result = reassign_request(uow=deps.uow(context), request_id=request_id, by=user.slack_user_id, to=to,
                                  rules=deps.presales.rules, now=deps.clock.now())
        if result.outcome == "not_member":
            _missing(ack, "to", locale, "request.notice.not_member")
            return
        ack()
        if not stepped(deps, client, result, "reassigned", at, user.slack_user_id, locale) or result.card is None:
            return
        r, (req_locale, named) = result.card.request, told(deps, client, context, result.card)
        tell_requester(client, r, t(req_locale, "request.step.reassigned", by=who(user.slack_user_id), who=who(to),
                                    what=named))
        call_in_card_thread(client, r, t(deps.default_locale, "request.queue.proposed", who=who(to)))
    return listener


def on_outcome(deps: Deps) -> Listener:
    """The requester's line on how it went: kept, and logged as a professional touch with who was there."""
    def listener(ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
        meta, values, request_id, _at = _submitted(body)
        user = deps.user(client, context, body["user"]["id"])
        locale, line = meta.get("locale") or deps.locale(user), text_value(values, "outcome")
        if not line:
            _missing(ack, "outcome", locale, "request.dialog.need_outcome")
            return
        ack()
        card = request_card(uow=deps.uow(context), request_id=request_id)
        if card is None:
            return
        thread = card.request.thread
        saved = record_request_outcome(
            uow=deps.uow(context), request_id=request_id, by=user.slack_user_id, outcome=line,
            contact_ids=picked_ids(values, "people"), now=deps.clock.now(),
            label=t(locale, "request.touch", type=type_label(card.request.type, locale)),
            today=deps.clock.now().astimezone(user_zone(user, deps.default_tz)).date(),
            source=SourceMessage(thread.channel if thread else None, None))
        key = f"request.outcome.{saved.outcome}" + ("_with" if saved.names else "")
        names = ("、" if normalise_locale(locale) == "zh-CN" else ", ").join(saved.names)
        tell_requester(client, card.request, t(locale, key, line=line, names=names))
    return listener
