"""The dialogs of presales requests: asking for help, declining with a reason, reassigning, and how it went."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from slack_sdk.models.blocks import (
    ContextBlock,
    DatePickerElement,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    SectionBlock,
    StaticMultiSelectElement,
    StaticSelectElement,
    UserSelectElement,
)
from slack_sdk.models.views import View

from domain.routing import REQUEST_TYPES
from handlers import ids
from handlers.blocks.requests import type_label, who
from prompts import t
from services.requests_outcome import OutcomeChoices
from storage.repos_meeting_plan import Choice

VALUE = ids.REQUEST_VALUE  # the action id of every input in these dialogs
DETAILS_MAX = 1000
REASON_MAX = 300
OUTCOME_MAX = 300


def _field(field: str) -> str:
    return f"{ids.REQUEST_FIELD}{field}"


def _input(field: str, locale: str, element: Any, optional: bool = True) -> InputBlock:
    return InputBlock(block_id=_field(field), label=t(locale, f"request.dialog.{field}"), optional=optional,
                      element=element)


def _modal(callback_id: str, locale: str, name: str, blocks: list[Any], meta: dict[str, Any]) -> dict[str, Any]:
    return View(type="modal", callback_id=callback_id, title=t(locale, f"request.{name}.title")[:24],
                submit=t(locale, f"request.{name}.submit")[:24], close=t(locale, "request.dialog.cancel")[:24],
                private_metadata=json.dumps(meta), blocks=blocks).to_dict()


def request_view_blocks(deals: list[Choice], locale: str, *, deal: Choice | None, channel: str | None) -> dict[str, Any]:
    """The request dialog: what is needed, on which deal (the pressed card's, already chosen), by when, and why."""
    if deal is not None and all(d.id != deal.id for d in deals):
        deals = [deal, *deals]
    options = [Option(value=str(d.id), text=(f"{d.name} · {d.account}" if d.account else d.name)[:75]) for d in deals]
    chosen = next((o for o in options if deal is not None and o.value == str(deal.id)), None)
    types = [Option(value=k, text=type_label(k, locale)[:75]) for k in REQUEST_TYPES]
    blocks: list[Any] = [_input("type", locale, StaticSelectElement(action_id=VALUE, options=types), optional=False)]
    if options:
        blocks.append(_input("deal", locale, StaticSelectElement(action_id=VALUE, options=options,
                                                                 initial_option=chosen)))
    blocks += [_input("needed_by", locale, DatePickerElement(action_id=VALUE)),
               _input("details", locale, PlainTextInputElement(action_id=VALUE, multiline=True,
                                                               max_length=DETAILS_MAX))]
    return _modal(ids.REQUEST_VIEW, locale, "dialog", blocks, {"locale": locale, "channel": channel})


@dataclass(frozen=True)
class RequestForm:
    """What the rep filled in."""

    type: str | None
    deal_id: int | None
    needed_by: date | None
    details: str | None


def _state(values: dict[str, Any], field: str) -> dict[str, Any]:
    return dict((values.get(_field(field)) or {}).get(VALUE) or {})


def request_form(values: dict[str, Any]) -> RequestForm:
    """The dialog's state.values, read field by field (absent or empty fields are None)."""
    kind = str((_state(values, "type").get("selected_option") or {}).get("value") or "")
    deal = str((_state(values, "deal").get("selected_option") or {}).get("value") or "")
    try:
        needed_by: date | None = date.fromisoformat(str(_state(values, "needed_by").get("selected_date")))
    except ValueError:
        needed_by = None
    return RequestForm(kind if kind in REQUEST_TYPES else None, int(deal) if deal.isdigit() else None, needed_by,
                       str(_state(values, "details").get("value") or "").strip() or None)


def request_errors(form: RequestForm, today: date, locale: str) -> dict[str, str]:
    """What the dialog must say before it can send: no type chosen, or a day already past."""
    errors = {}
    if form.type is None:
        errors[_field("type")] = t(locale, "request.dialog.pick_type")
    if form.needed_by is not None and form.needed_by < today:
        errors[_field("needed_by")] = t(locale, "request.dialog.past")
    return errors


def sent_view(text: str, locale: str) -> dict[str, Any]:
    """What the dialog turns into once sent: where the request went."""
    return View(type="modal", title=t(locale, "request.sent.title")[:24], close=t(locale, "request.sent.close")[:24],
                blocks=[SectionBlock(text=MarkdownTextObject(text=text[:3000]))]).to_dict()


def decline_view_blocks(request_id: int, locale: str, *, card: tuple[str | None, str | None]) -> dict[str, Any]:
    """Decline: the reason is required, and the requester reads it."""
    reason = PlainTextInputElement(action_id=VALUE, multiline=True, max_length=REASON_MAX)
    return _modal(ids.REQUEST_DECLINE_VIEW, locale, "decline", [_input("reason", locale, reason, optional=False)],
                  {"r": request_id, "c": card[0], "ts": card[1], "locale": locale})


def reassign_view_blocks(request_id: int, members: list[str], locale: str, *,
                         card: tuple[str | None, str | None]) -> dict[str, Any]:
    """Reassign: one person, a member of the queue (the members are listed, as Slack's picker offers anyone)."""
    blocks: list[Any] = [_input("to", locale, UserSelectElement(action_id=VALUE), optional=False)]
    if members:
        listed = " ".join(who(m) for m in members)
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=t(locale, "request.dialog.members",
                                                                       members=listed))]))
    return _modal(ids.REQUEST_REASSIGN_VIEW, locale, "reassign", blocks,
                  {"r": request_id, "c": card[0], "ts": card[1], "locale": locale})


def outcome_view_blocks(request_id: int, choices: OutcomeChoices, locale: str) -> dict[str, Any]:
    """How it went: one line, and who of the customer was there (the deal's chain ticked)."""
    blocks: list[Any] = [_input("outcome", locale, PlainTextInputElement(action_id=VALUE, max_length=OUTCOME_MAX),
                                optional=False)]
    if choices.people:
        options = [Option(value=str(c), text=name[:75]) for c, name in choices.people]
        ticked = [o for o in options if int(o.value or 0) in choices.present]
        blocks.append(_input("people", locale, StaticMultiSelectElement(action_id=VALUE, options=options,
                                                                        initial_options=ticked or None)))
    return _modal(ids.REQUEST_OUTCOME_VIEW, locale, "outcome", blocks, {"r": request_id, "locale": locale})


def text_value(values: dict[str, Any], field: str) -> str:
    """A text input's value, stripped ("" when empty)."""
    return str(_state(values, field).get("value") or "").strip()


def user_value(values: dict[str, Any], field: str) -> str | None:
    """A user picker's choice."""
    return _state(values, field).get("selected_user") or None


def picked_ids(values: dict[str, Any], field: str) -> list[int]:
    """A multi-select's chosen ids."""
    return [int(o["value"]) for o in _state(values, field).get("selected_options") or ()
            if str(o.get("value")).isdigit()]
