"""Presales requests in Slack: `/rapport request` and the deal card's button open the dialog; the queue card's
Accept / Decline / Reassign / Done; the requester's "How did it go?"."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from domain.compliance import Screening, clean_notes, screen
from domain.entities import SourceMessage
from handlers import ids
from handlers import request_forms as forms
from handlers.blocks.request_dialogs import request_errors, request_form, request_view_blocks, sent_view
from handlers.blocks.requests import done_blocks, opened_text, who
from handlers.command_call import CommandCall
from handlers.deps import Deps, pressed_card
from handlers.request_steps import pressed_value, rules_in_force, stepped, tell_requester, told
from prompts import t
from services.request_routing import Routed, open_request
from services.requests_card import request_card
from services.requests_dialog import deal_choices
from services.requests_flow import accept_request, finish_request
from services.visibility import NotFound

Listener = Callable[..., None]


def _request(call: CommandCall) -> None:
    """`/rapport request`: the dialog, no deal chosen yet."""
    deals, _ = deal_choices(uow=call.deps.uow(call.context), user=call.user)
    call.client.views_open(trigger_id=call.command["trigger_id"], view=request_view_blocks(
        deals, call.locale, deal=None, channel=call.command.get("channel_id")))


VERBS: dict[str, Callable[[CommandCall], None]] = {"request": _request}
WITHOUT_ARGUMENT = frozenset({"request"})  # the bare verb opens the dialog


def _on_new(deps: Deps) -> Listener:
    """The deal card's Request presales: the dialog with the card's deal chosen."""
    def listener(ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
        ack()
        user = deps.user(client, context, body["user"]["id"])
        value = str(body["actions"][0].get("value") or "")
        deals, deal = deal_choices(uow=deps.uow(context), user=user, deal_id=int(value) if value.isdigit() else None)
        client.views_open(trigger_id=body["trigger_id"], view=request_view_blocks(
            deals, deps.locale(user), deal=deal, channel=pressed_card(body)[0]))
    return listener


def _on_sent(deps: Deps) -> Listener:
    """The dialog sent: the request is made and routed before the dialog closes, and it says where it went."""
    def listener(ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
        meta = json.loads(body["view"].get("private_metadata") or "{}")
        user = deps.user(client, context, body["user"]["id"])
        locale = meta.get("locale") or deps.locale(user)
        form = request_form(body["view"]["state"]["values"])
        errors = request_errors(form, deps.local_now(user).date(), locale)
        if errors or form.type is None:
            ack(response_action="errors", errors=errors)
            return
        screening = screen(form.details or "", getattr(deps.understand, "compliance", None))
        details = clean_notes(form.details, screening) if form.details else None
        try:
            routed = open_request(uow=deps.uow(context), user=user, type=form.type, deal_id=form.deal_id,
                                  needed_by=form.needed_by, details=details or None, live=deps.presales,
                                  now=deps.clock.now(), source=SourceMessage(meta.get("channel"), None),
                                  default_locale=deps.default_locale)
        except NotFound:
            ack(response_action="errors", errors={f"{ids.REQUEST_FIELD}deal": t(locale, "request.not_found")})
            return
        ack(response_action="update", view=sent_view(_where_it_went(deps, context, routed, screening, locale), locale))
    return listener


def _where_it_went(deps: Deps, context: BoltContext, routed: Routed, screening: Screening, locale: str) -> str:
    """What the dialog says once sent: the queue and rule, a sentence left out of the details, what comes next."""
    card = request_card(uow=deps.uow(context), request_id=routed.request.id)
    channel, index = routed.decision.queue.channel, routed.decision.rule_index
    lines = [opened_text(card, locale, channel=channel, rule=None if index is None else index + 1,
                         queue_default=index is None)] if card else []
    if screening.flags:
        lines.append(t(locale, "request.dialog.left_out", reasons="; ".join(f.reason for f in screening.flags)))
    if channel:
        lines.append(t(locale, "request.sent.later"))
    return "\n".join(lines)


def _on_accept(deps: Deps) -> Listener:
    """Accept, by whoever the queue may give it to (never the requester): one of two people pressing at once gets
    it; the other is told who did."""
    def listener(ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
        ack()
        user = deps.user(client, context, body["user"]["id"])
        result = accept_request(uow=deps.uow(context), request_id=pressed_value(body), by=user.slack_user_id,
                                rules=rules_in_force(deps, context), now=deps.clock.now())
        if not stepped(deps, client, result, "accepted", pressed_card(body), user.slack_user_id, deps.locale(user)) \
                or result.card is None:
            return  # someone was quicker: the card shows who, and the presser is told
        locale, named = told(deps, client, context, result.card)
        tell_requester(client, result.card.request, t(locale, "request.step.accepted", who=who(user.slack_user_id),
                                                      what=named))
    return listener


def _on_done(deps: Deps) -> Listener:
    """Done, by the assignee: the requester is asked how it went."""
    def listener(ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
        ack()
        user = deps.user(client, context, body["user"]["id"])
        result = finish_request(uow=deps.uow(context), request_id=pressed_value(body), by=user.slack_user_id,
                                now=deps.clock.now())
        if not stepped(deps, client, result, "done", pressed_card(body), user.slack_user_id, deps.locale(user)) \
                or result.card is None:
            return
        req_locale, named = told(deps, client, context, result.card)
        text = t(req_locale, "request.step.done", who=who(user.slack_user_id), what=named)
        tell_requester(client, result.card.request, text, done_blocks(text, result.card.request.id, req_locale))
    return listener


def register(app: App, deps: Deps) -> None:
    """Entry points: the dialog (from the command or a deal card), the queue card's buttons, how it went."""
    app.action(ids.REQUEST_NEW)(_on_new(deps))
    app.view(ids.REQUEST_VIEW)(_on_sent(deps))
    app.action(ids.REQUEST_ACCEPT)(_on_accept(deps))
    app.action(ids.REQUEST_DECLINE)(forms.open_dialog(deps, forms.decline_dialog))
    app.view(ids.REQUEST_DECLINE_VIEW)(forms.on_declined(deps))
    app.action(ids.REQUEST_REASSIGN)(forms.open_dialog(deps, forms.reassign_dialog))
    app.view(ids.REQUEST_REASSIGN_VIEW)(forms.on_reassigned(deps))
    app.action(ids.REQUEST_DONE)(_on_done(deps))
    app.action(ids.REQUEST_OUTCOME)(forms.open_dialog(deps, forms.outcome_dialog))
    app.view(ids.REQUEST_OUTCOME_VIEW)(forms.on_outcome(deps))
