"""The deal card's "Edit deal" button and its dialog, prefilled with what the deal records."""

from __future__ import annotations

import json
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    DatePickerElement,
    InputBlock,
    Option,
    PlainTextInputElement,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from domain.deal_edit import AWARD_METHODS, AWARD_RULES, DATES, OUTCOMES, STAGES
from domain.entities import Deal, SourceMessage
from handlers import ids
from prompts import keys, normalise_locale, t


def _maybe(locale: str, key: str, fallback: str) -> str:
    return t(locale, key) if key in keys(normalise_locale(locale)) else fallback


def edit_deal_actions(deal: Deal, locale: str) -> ActionsBlock:
    """The row under the deal card with its Edit deal button."""
    return ActionsBlock(block_id="deal_actions", elements=[
        ButtonElement(text=t(locale, "button.edit_deal"), action_id=ids.DEAL_EDIT, value=str(deal.id))])


def _select(field: str, locale: str, choices: list[tuple[str, str]], current: str | None) -> InputBlock:
    """A choice of known values; a stored value the list does not know stays in it, as written."""
    if current and current not in {v for v, _ in choices}:
        choices = [*choices, (current, current)]
    options = [Option(value=v, text=x[:75]) for v, x in choices]
    return InputBlock(block_id=f"{ids.DEAL_FIELD}{field}", label=t(locale, f"deal_edit.{field}"), optional=True,
                      element=StaticSelectElement(action_id=ids.EDIT_VALUE, options=options, initial_option=next(
                          (o for o in options if o.value == current), None)))


def _text(field: str, locale: str, value: str | None, **options: Any) -> InputBlock:
    return InputBlock(block_id=f"{ids.DEAL_FIELD}{field}", label=t(locale, f"deal_edit.{field}"), optional=True,
                      element=PlainTextInputElement(action_id=ids.EDIT_VALUE, initial_value=value or None, **options))


def _date(field: str, locale: str, deal: Deal) -> InputBlock:
    on = getattr(deal, field)
    return InputBlock(block_id=f"{ids.DEAL_FIELD}{field}", label=t(locale, f"deal_edit.{field}"), optional=True,
                      element=DatePickerElement(action_id=ids.EDIT_VALUE, initial_date=on.isoformat() if on else None))


def amount_text(amount: float | None) -> str | None:
    """An amount as a rep would type it: 3500000, 12.5."""
    return None if amount is None else f"{amount:.2f}".rstrip("0").rstrip(".")


def deal_edit_view(deal: Deal, locale: str, source: SourceMessage | None = None) -> dict[str, Any]:
    """The Edit deal modal, prefilled; the card it was opened from rides along as the audit's source."""
    blocks = [
        _select("stage", locale, [(s, _maybe(locale, f"deal.stage.{s}", s)) for s in STAGES], deal.stage),
        _text("amount", locale, amount_text(deal.amount), max_length=20),
        _text("currency", locale, deal.currency, max_length=3, placeholder="CNY"),
        *(_date(name, locale, deal) for name in DATES),
        _select("award_method", locale, [(m, t(locale, f"method.{m}")) for m in AWARD_METHODS], deal.award_method),
        _select("award_rule", locale, [(r, t(locale, f"rule.{r}")) for r in AWARD_RULES], deal.award_rule),
        _text("competitors", locale, ", ".join(deal.competitors), max_length=500),
        _select("outcome", locale, [(o, t(locale, f"deal_edit.outcome.{o}")) for o in OUTCOMES], deal.outcome or "open"),
        _text("winner", locale, deal.winner, max_length=200),
        _text("winning_price", locale, amount_text(deal.winning_price), max_length=20),
        _text("outcome_reason", locale, deal.outcome_reason, multiline=True, max_length=1000),
    ]
    meta = {"id": deal.id, "locale": locale, "channel": source.channel if source else None,
            "ts": source.ts if source else None}
    return View(type="modal", callback_id=ids.DEAL_EDIT_VIEW, title=t(locale, "deal_edit.title")[:24],
                submit=t(locale, "edit.save")[:24], close=t(locale, "edit.cancel")[:24],
                private_metadata=json.dumps(meta), blocks=blocks).to_dict()


def deal_form(values: dict[str, Any]) -> dict[str, str | None]:
    """What the dialog's state.values hold, field by field, as typed or picked (absent blocks are left out)."""
    form: dict[str, str | None] = {}
    for block_id, actions in values.items():
        state = (actions or {}).get(ids.EDIT_VALUE)
        if block_id.startswith(ids.DEAL_FIELD) and state is not None:
            picked = state.get("selected_option") or {}
            form[block_id[len(ids.DEAL_FIELD):]] = state.get("value") or state.get("selected_date") or picked.get("value")
    return form


def deal_form_errors(problems: dict[str, str], locale: str) -> dict[str, str]:
    """The problems found, as the dialog shows them under each field."""
    return {f"{ids.DEAL_FIELD}{field}": t(locale, f"deal_edit.{code}") for field, code in problems.items()}
