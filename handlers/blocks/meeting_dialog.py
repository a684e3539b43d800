"""The /rapport meeting dialog: with whom (the rep's people), the day, the time, the deal and the topic."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from slack_sdk.models.blocks import (
    DatePickerElement,
    InputBlock,
    Option,
    PlainTextInputElement,
    StaticMultiSelectElement,
    StaticSelectElement,
    TimePickerElement,
)
from slack_sdk.models.views import View

from handlers import ids
from prompts import t
from services.plan_meeting import MeetingChoices
from storage.repos_meeting_plan import Choice

VALUE = "value"  # the action id of every input in the dialog
TOPIC_MAX = 200


def _options(choices: list[Choice]) -> list[Option]:
    return [Option(value=str(c.id), text=(f"{c.name} · {c.account}" if c.account else c.name)[:75]) for c in choices]


def _input(field: str, locale: str, element: Any, optional: bool = True) -> InputBlock:
    return InputBlock(block_id=f"{ids.MEETING_FIELD}{field}", label=t(locale, f"meeting.{field}"), optional=optional,
                      element=element)


def meeting_view_blocks(choices: MeetingChoices, locale: str, *, day: date, channel: str | None) -> dict[str, Any]:
    """The dialog, on `day` (the rep's tomorrow) unless they pick another; the channel it came from rides along."""
    blocks = [
        _input("people", locale, StaticMultiSelectElement(action_id=VALUE, options=_options(choices.people)),
               optional=False),
        _input("date", locale, DatePickerElement(action_id=VALUE, initial_date=day.isoformat()), optional=False),
        _input("time", locale, TimePickerElement(action_id=VALUE)),
    ]
    if choices.deals:
        blocks.append(_input("deal", locale, StaticSelectElement(action_id=VALUE, options=_options(choices.deals))))
    blocks.append(_input("topic", locale, PlainTextInputElement(action_id=VALUE, max_length=TOPIC_MAX)))
    meta = {"locale": locale, "channel": channel}
    return View(type="modal", callback_id=ids.MEETING_VIEW, title=t(locale, "meeting.title")[:24],
                submit=t(locale, "meeting.submit")[:24], close=t(locale, "meeting.cancel")[:24],
                private_metadata=json.dumps(meta), blocks=blocks).to_dict()


@dataclass(frozen=True)
class MeetingForm:
    """What the rep filled in."""

    people: list[int]
    on: date | None
    at: str | None
    deal_id: int | None
    topic: str | None


def meeting_form(values: dict[str, Any]) -> MeetingForm:
    """The dialog's state.values, read field by field (absent or empty fields are None)."""
    def state(field: str) -> dict[str, Any]:
        return dict((values.get(f"{ids.MEETING_FIELD}{field}") or {}).get(VALUE) or {})

    people = [int(o["value"]) for o in state("people").get("selected_options") or () if str(o.get("value")).isdigit()]
    picked_deal = str((state("deal").get("selected_option") or {}).get("value") or "")
    try:
        on = date.fromisoformat(str(state("date").get("selected_date")))
    except ValueError:
        on = None
    return MeetingForm(people, on, state("time").get("selected_time") or None,
                       int(picked_deal) if picked_deal.isdigit() else None,
                       str(state("topic").get("value") or "").strip() or None)


def meeting_errors(form: MeetingForm, today: date, locale: str) -> dict[str, str]:
    """What the dialog must say before it can save: no one picked, no day, or a day already past."""
    errors = {}
    if not form.people:
        errors[f"{ids.MEETING_FIELD}people"] = t(locale, "meeting.pick_someone")
    if form.on is None or form.on < today:
        errors[f"{ids.MEETING_FIELD}date"] = t(locale, "meeting.past")
    return errors
