"""The Edit dialog of a meeting log: the text, and the fields understood from it."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from slack_sdk.models.blocks import (
    DatePickerElement,
    InputBlock,
    Option,
    PlainTextInputElement,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from domain.log_edits import CHANNELS, STANCES, LogEdits, PersonEdit
from handlers import ids
from prompts import t

MAX_PEOPLE = 20  # two blocks each, within the modal's 100


def _text_input(block_id: str, label: str, value: str | None, *, multiline: bool = False) -> InputBlock:
    element = PlainTextInputElement(action_id=ids.LOG_EDIT_INPUT if block_id == ids.LOG_EDIT_BLOCK else ids.EDIT_VALUE,
                                    multiline=multiline, initial_value=(value or "")[:3000] or None, max_length=3000)
    return InputBlock(block_id=block_id, label=label[:2000], element=element, optional=block_id != ids.LOG_EDIT_BLOCK)


def _select(block_id: str, label: str, choices: list[tuple[str, str]], current: str | None) -> InputBlock:
    options = [Option(value=v, text=text[:75]) for v, text in choices]
    initial = next((o for o in options if o.value == current), None)
    return InputBlock(block_id=block_id, label=label, optional=True,
                      element=StaticSelectElement(action_id=ids.EDIT_VALUE, options=options, initial_option=initial))


def _people_blocks(people: list[dict[str, Any]], locale: str) -> list[InputBlock]:
    stances = [(s, t(locale, f"stance.{s}")) for s in (*STANCES, "unknown")]
    blocks = []
    for i, p in enumerate(people[:MAX_PEOPLE]):
        blocks.append(_text_input(f"{ids.EDIT_TITLE}{i}", t(locale, "edit.person_title", name=p["name"]),
                                  p.get("title")))
        blocks.append(_select(f"{ids.EDIT_STANCE}{i}", t(locale, "edit.person_stance", name=p["name"]), stances,
                              p.get("stance") or "unknown"))
    return blocks


def log_edit_view_blocks(draft_id: int, parsed: dict[str, Any], locale: str, channel: str | None,
                         ts: str | None) -> dict[str, Any]:
    """A modal with the text and each understood field; the card's place and the names ride in metadata."""
    people = list(parsed.get("people") or [])[:MAX_PEOPLE]
    day = parsed.get("occurred_on")
    blocks = [
        _text_input(ids.LOG_EDIT_BLOCK, t(locale, "edit.label"), parsed.get("notes"), multiline=True),
        _text_input(ids.EDIT_ACCOUNT, t(locale, "edit.account"), parsed.get("account")),
        InputBlock(block_id=ids.EDIT_DATE, label=t(locale, "edit.date"), optional=True,
                   element=DatePickerElement(action_id=ids.EDIT_VALUE, initial_date=day)),
        _select(ids.EDIT_CHANNEL, t(locale, "edit.channel"), [(c, t(locale, f"channel.{c}")) for c in CHANNELS],
                parsed.get("channel")),
        *_people_blocks(people, locale),
    ]
    meta = {"d": draft_id, "c": channel, "t": ts, "n": [p["name"] for p in people]}
    view = View(type="modal", callback_id=ids.LOG_EDIT_VIEW, title=t(locale, "edit.title")[:24],
                submit=t(locale, "edit.submit")[:24], close=t(locale, "edit.cancel")[:24],
                private_metadata=json.dumps(meta, ensure_ascii=False), blocks=blocks)
    return view.to_dict()


def _field(values: dict[str, Any], block_id: str) -> dict[str, Any]:
    return (values.get(block_id) or {}).get(ids.EDIT_VALUE) or {}


def _selected(values: dict[str, Any], block_id: str) -> str | None:
    option = _field(values, block_id).get("selected_option")
    return option.get("value") if option else None


def _typed(values: dict[str, Any], block_id: str) -> str | None:
    # A block missing from the state was not in the dialog: no edit. One left empty clears the field.
    return None if block_id not in values else (_field(values, block_id).get("value") or "")


def log_edit_values(values: dict[str, Any], names: list[str]) -> tuple[str, LogEdits]:
    """The submitted text and field corrections from a view's state.values."""
    text = ((values.get(ids.LOG_EDIT_BLOCK) or {}).get(ids.LOG_EDIT_INPUT) or {}).get("value") or ""
    day = _field(values, ids.EDIT_DATE).get("selected_date")
    people = {name: PersonEdit(title=_typed(values, f"{ids.EDIT_TITLE}{i}"),
                               stance=_selected(values, f"{ids.EDIT_STANCE}{i}"))
              for i, name in enumerate(names)}
    edits = LogEdits(account=_typed(values, ids.EDIT_ACCOUNT), occurred_on=date.fromisoformat(day) if day else None,
                     channel=_selected(values, ids.EDIT_CHANNEL), people=people)
    return text, edits


def new_log_view_blocks(prefill: str, locale: str) -> dict[str, Any]:
    """A dialog to write a log, started with the words the plan suggests."""
    view = View(type="modal", callback_id=ids.LOG_NEW_VIEW, title=t(locale, "log.new_title")[:24],
                submit=t(locale, "edit.submit")[:24], close=t(locale, "edit.cancel")[:24],
                blocks=[_text_input(ids.LOG_EDIT_BLOCK, t(locale, "edit.label"), prefill, multiline=True)])
    return view.to_dict()
