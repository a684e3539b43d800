"""The dialogs opened from a presales request's card and thread: Decline with a reason, Reassign to a member of
the queue, and the requester's "How did it go?" — each checked before it opens, and again when it is sent. A
reason and an outcome line are kept screened: what must never be stored is left out, and the writer told."""

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
from handlers.request_steps import (
    call_in_card_thread,
    direct,
    notice,
    pressed_value,
    rules_in_force,
    stepped,
    tell_requester,
    told,
)
from prompts import normalise_locale, t
from services.requests_card import RequestCard, request_card
from services.requests_flow import (
    StepResult,
    decline_request,
    may_not_decline,
    may_not_reassign,
    queue_of,
    reassign_request,
)
from services.requests_outcome import OutcomeSaved, outcome_choices, record_request_outcome
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


def _refuse(client: WebClient, at: tuple[str | None, str | None], user_id: str, locale: str, why: str,
            card: RequestCard | None) -> None:
    """Tell the presser, where they pressed, why they may not take that step."""
    holder = who(card.request.assignee_slack_id) if card else "—"
    notice(client, at[0], user_id, t(locale, f"request.notice.{why}", who=holder))


def decline_dialog(deps: Deps, context: BoltContext, client: WebClient, user: User, request_id: int,
                   body: dict[str, Any]) -> dict[str, Any] | None:
    """Decline with a reason: only whoever holds the request."""
    locale, at = deps.locale(user), pressed_card(body)
    card = request_card(uow=deps.uow(context), request_id=request_id)
    why = may_not_decline(card.request, user.slack_user_id) if card else "gone"
    if why:
        _refuse(client, at, user.slack_user_id, locale, why, card)
        return None
    return decline_view_blocks(request_id, locale, card=at)


def reassign_dialog(deps: Deps, context: BoltContext, client: WebClient, user: User, request_id: int,
                    body: dict[str, Any]) -> dict[str, Any] | None:
    """Reassign: its holder, the queue's lead or (while open) whoever could take it, to a member of the queue — the
    members listed are the queue's as the rules file says now, without the requester and the holder."""
    locale, at = deps.locale(user), pressed_card(body)
    card = request_card(uow=deps.uow(context), request_id=request_id)
    if card is None:
        _refuse(client, at, user.slack_user_id, locale, "gone", None)
        return None
    r, queue = card.request, queue_of(card.request, rules_in_force(deps, context))
    why = may_not_reassign(r, queue, user.slack_user_id)
    if why:
        _refuse(client, at, user.slack_user_id, locale, why, card)
        return None
    members = [*(m.slack_id for m in queue.members), *([queue.lead] if queue.lead else [])]
    return reassign_view_blocks(request_id, [m for m in dict.fromkeys(members)
                                             if m not in (r.requester_slack_id, r.assignee_slack_id)], locale, card=at)


def outcome_dialog(deps: Deps, context: BoltContext, client: WebClient, user: User, request_id: int,
                   body: dict[str, Any]) -> dict[str, Any] | None:
    """How did it go?: one line, and who of the customer was there."""
    return outcome_view_blocks(request_id, outcome_choices(uow=deps.uow(context), request_id=request_id),
                               deps.locale(user))


def _submitted(deps: Deps, client: WebClient, context: BoltContext, body: dict[str, Any]
               ) -> tuple[User, str, dict[str, Any], int, tuple[str | None, str | None]]:
    """Who submitted a request dialog and in which language, its values, the request and the card it was opened
    from."""
    meta = json.loads(body["view"].get("private_metadata") or "{}")
    user = deps.user(client, context, body["user"]["id"])
    return (user, meta.get("locale") or deps.locale(user), body["view"]["state"]["values"], int(meta.get("r") or 0),
            (meta.get("c"), meta.get("ts")))


def _missing(ack: Ack, field: str, locale: str, key: str, **values: str) -> None:
    ack(response_action="errors", errors={f"{ids.REQUEST_FIELD}{field}": t(locale, key, **values)})


def on_declined(deps: Deps) -> Listener:
    """Decline with its reason (what must never be stored left out): the request goes back to the queue and the
    requester reads why."""
    def listener(ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
        user, locale, values, request_id, at = _submitted(deps, client, context, body)
        reason = text_value(values, "reason")
        if not reason:
            _missing(ack, "reason", locale, "request.dialog.need_reason")
            return
        result = decline_request(uow=deps.uow(context), request_id=request_id, by=user.slack_user_id, reason=reason,
                                 rules=rules_in_force(deps, context), now=deps.clock.now(),
                                 compliance=getattr(deps.understand, "compliance", None))
        if result.outcome == "no_reason":
            _missing(ack, "reason", locale, "request.dialog.reason_left_out", reasons=result.left_out)
            return
        ack()
        if not stepped(deps, client, result, "declined", at, user.slack_user_id, locale) or result.card is None:
            return
        if result.left_out:
            notice(client, at[0], user.slack_user_id, t(locale, "request.notice.reason_left_out",
                                                        reasons=result.left_out))
        _declined(deps, client, context, result, user.slack_user_id)
    return listener


def _declined(deps: Deps, client: WebClient, context: BoltContext, result: StepResult, by: str) -> None:
    """The requester reads why (as kept) and who has it now; whoever it is proposed to next is called."""
    assert result.card is not None
    r, (req_locale, named) = result.card.request, told(deps, client, context, result.card)
    then = (t(req_locale, "request.step.next", who=who(result.proposed)) if result.proposed else
            t(req_locale, "request.step.open", channel=channel_ref(r.queue_card.channel if r.queue_card else None)))
    tell_requester(client, r, t(req_locale, "request.step.declined", who=who(by), what=named,
                                reason=result.reason) + "\n" + then)
    if result.proposed:
        call_in_card_thread(client, r, t(deps.default_locale, "request.queue.proposed", who=who(result.proposed)))


def on_reassigned(deps: Deps) -> Listener:
    """Reassign to a member of the queue: proposed to them, called in the card's thread, told to the requester and
    to whoever it was taken from. To whoever has it already: nothing changes and nobody is told."""
    def listener(ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
        user, locale, values, request_id, at = _submitted(deps, client, context, body)
        to = user_value(values, "to")
        if not to:
            _missing(ack, "to", locale, "request.dialog.need_person")
            return
        result = reassign_request(uow=deps.uow(context), request_id=request_id, by=user.slack_user_id, to=to,
                                  rules=rules_in_force(deps, context), now=deps.clock.now())
        if result.outcome in ("not_member", "to_requester"):
            _missing(ack, "to", locale, f"request.notice.{result.outcome}")
            return
        ack()
        if result.outcome != "unchanged" and stepped(deps, client, result, "reassigned", at, user.slack_user_id,
                                                     locale):
            _reassigned(deps, client, context, result, user.slack_user_id)
    return listener


def _reassigned(deps: Deps, client: WebClient, context: BoltContext, result: StepResult, by: str) -> None:
    """The requester reads who has it now, who it is proposed to is called, and whoever had it learns it is gone."""
    if result.card is None or result.proposed is None:
        return
    r, (req_locale, named), to = result.card.request, told(deps, client, context, result.card), result.proposed
    tell_requester(client, r, t(req_locale, "request.step.reassigned", by=who(by), who=who(to), what=named))
    call_in_card_thread(client, r, t(deps.default_locale, "request.queue.proposed", who=who(to)))
    if result.previous and result.previous != by:
        locale, named = told(deps, client, context, result.card, result.previous)
        direct(client, result.previous, t(locale, "request.step.taken_from", by=who(by), what=named, who=who(to)))


def on_outcome(deps: Deps) -> Listener:
    """The requester's line on how it went: kept (what must never be stored left out, and said so), and logged as a
    professional touch with who was there."""
    def listener(ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
        user, locale, values, request_id, _at = _submitted(deps, client, context, body)
        line = text_value(values, "outcome")
        if not line:
            _missing(ack, "outcome", locale, "request.dialog.need_outcome")
            return
        card = request_card(uow=deps.uow(context), request_id=request_id)
        saved = _keep_outcome(deps, context, user, card, line, picked_ids(values, "people"), locale)
        if saved.outcome == "empty":
            _missing(ack, "outcome", locale, "request.dialog.outcome_left_out", reasons=saved.left_out)
            return
        ack()
        if card is not None:
            tell_requester(client, card.request, _noted(saved, locale))
    return listener


def _noted(saved: OutcomeSaved, locale: str) -> str:
    """What the requester reads of their line: as kept, with whom the touch was logged, and what was left out."""
    key = f"request.outcome.{saved.outcome}" + ("_with" if saved.names else "")
    names = ("、" if normalise_locale(locale) == "zh-CN" else ", ").join(saved.names)
    line = saved.line.rstrip("。.") if saved.names else saved.line  # "…with" puts its own stop after the line
    text = t(locale, key, line=line, names=names)
    return text + ("\n" + t(locale, "request.outcome.left_out", reasons=saved.left_out) if saved.left_out else "")


def _keep_outcome(deps: Deps, context: BoltContext, user: User, card: RequestCard | None, line: str,
                  people: list[int], locale: str) -> OutcomeSaved:
    """The requester's line kept on the request and as the touch's summary, in their words and zone."""
    if card is None:
        return OutcomeSaved("gone")
    thread = card.request.thread
    return record_request_outcome(
        uow=deps.uow(context), request_id=card.request.id, by=user.slack_user_id, outcome=line, contact_ids=people,
        now=deps.clock.now(), label=t(locale, "request.touch", type=type_label(card.request.type, locale)),
        today=deps.clock.now().astimezone(user_zone(user, deps.default_tz)).date(),
        source=SourceMessage(thread.channel if thread else None, None),
        compliance=getattr(deps.understand, "compliance", None))
