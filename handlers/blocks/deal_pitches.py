"""The deal card's Pitches by role, and the Choose pitch dialog its button opens."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from slack_sdk.models.blocks import (
    Block,
    ButtonElement,
    ContextBlock,
    InputBlock,
    MarkdownTextObject,
    Option,
    SectionBlock,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from domain.pitches import spoken_length
from handlers import ids
from prompts import t
from services.deal_pitches import PitchChoices, RolePitch, Suggestion

CLEAR = "none"  # the dialog's "no choice" option: the role goes back to its suggestion
OPTIONS = 99  # a static select holds 100 options: the library, suggested first, and "no choice"


def _join(locale: str, items: Iterable[str]) -> str:
    return ("、" if locale.startswith("zh") else ", ").join(items)


def why_text(suggestion: Suggestion, locale: str) -> str:
    """Why a pitch is suggested: role, industry, product, wins 62%."""
    parts = [t(locale, f"dealpitch.why.{w}") for w in suggestion.because if w != "wins"]
    if suggestion.win_rate is not None:
        parts.append(t(locale, "dealpitch.why.wins", percent=f"{100 * suggestion.win_rate:.0f}"))
    return _join(locale, parts)


def _line(found: RolePitch, locale: str) -> str:
    role = t(locale, f"role.{found.role}")
    if found.chosen is not None:
        text = t(locale, "dealpitch.chosen", role=role, title=found.chosen.title, seconds=found.seconds)
    elif found.suggestions:
        top = found.suggestions[0]
        text = t(locale, "dealpitch.suggested", role=role, title=top.proposition.title, seconds=found.seconds,
                 why=why_text(top, locale))
    else:
        return "• " + t(locale, "dealpitch.none", role=role)
    points = len(found.pitch.points) if found.pitch else 0
    heard = _join(locale, (t(locale, "dealpitch.heard", name=p.name, heard=len(p.heard), points=points)
                           for p in found.listeners))
    return "• " + text + (f" · {heard}" if heard else "")


def role_pitch_blocks(pitches: Sequence[RolePitch], deal_id: int, locale: str) -> list[Block]:
    """Pitches by role: per role in the chain, the chosen pitch or the suggestion and why, who heard how much."""
    if not pitches:
        return []
    lines = [t(locale, "dealpitch.title"), *(_line(p, locale) for p in pitches)]
    button = ButtonElement(text=t(locale, "dealpitch.button"), action_id=ids.DEALPITCH_CHOOSE, value=str(deal_id))
    return [SectionBlock(block_id="deal_pitches", text=MarkdownTextObject(text="\n".join(lines)[:3000]),
                         accessory=button)]


def _field(name: str) -> str:
    return f"{ids.DEALPITCH_FIELD}{name}"


def _pitch_options(choices: PitchChoices, locale: str) -> list[Option]:
    """The library, suggested pitches first, each suggestion with the role it suits and why; then no choice."""
    suits: dict[int, tuple[str, Suggestion]] = {}
    for found in choices.roles:
        for s in found.suggestions:
            suits.setdefault(s.proposition.id, (found.role, s))
    options = []
    for prop in choices.library[:OPTIONS]:
        fit = suits.get(prop.id)
        text = (t(locale, "dealpitch.option.suggested", title=prop.title, role=t(locale, f"role.{fit[0]}"),
                  why=why_text(fit[1], locale)) if fit else
                t(locale, "dealpitch.option.plain", title=prop.title, seconds=spoken_length(prop.points).seconds))
        options.append(Option(value=str(prop.id), text=text[:75]))
    return [*options, Option(value=CLEAR, text=t(locale, "dealpitch.option.clear")[:75])]


def choose_pitch_view_blocks(choices: PitchChoices, locale: str, card: dict[str, str | None]) -> dict[str, Any]:
    """The Choose pitch dialog: a role present in the chain and a pitch; the card it came from rides along."""
    roles = [Option(value=r.role, text=t(locale, f"role.{r.role}")[:75]) for r in choices.roles]
    first = next((o for o, r in zip(roles, choices.roles, strict=True) if r.chosen is None), roles[0] if roles else None)
    blocks: list[Block] = [
        ContextBlock(elements=[MarkdownTextObject(text=t(locale, "dealpitch.view.intro", deal=choices.deal.name))]),
        InputBlock(block_id=_field("role"), label=t(locale, "dealpitch.field.role"),
                   element=StaticSelectElement(action_id=ids.DEALPITCH_VALUE, options=roles, initial_option=first)),
        InputBlock(block_id=_field("pitch"), label=t(locale, "dealpitch.field.pitch"),
                   element=StaticSelectElement(action_id=ids.DEALPITCH_VALUE, options=_pitch_options(choices, locale))),
    ]
    meta = {"deal": choices.deal.id, "locale": locale, **card}
    return View(type="modal", callback_id=ids.DEALPITCH_VIEW, title=t(locale, "dealpitch.view.title")[:24],
                submit=t(locale, "edit.save")[:24], close=t(locale, "edit.cancel")[:24],
                private_metadata=json.dumps(meta), blocks=blocks).to_dict()


def choice_form(values: dict[str, Any]) -> tuple[str, int | None]:
    """What the dialog holds: the role, and the pitch's id (None: no choice)."""
    def chosen(name: str) -> str:
        state = (values.get(_field(name)) or {}).get(ids.DEALPITCH_VALUE) or {}
        return str((state.get("selected_option") or {}).get("value") or "")

    pitch = chosen("pitch")
    return chosen("role"), int(pitch) if pitch.isdigit() else None


def choice_error(problem: str, locale: str) -> dict[str, str]:
    """The refusal under the field to fix: a deal they may not see, a role nobody holds now, a pitch gone."""
    field, key = {"deal": ("role", "dealpitch.not_found"), "role": ("role", "dealpitch.error.role")}.get(
        problem, ("pitch", "dealpitch.error.pitch"))
    return {_field(field): t(locale, key)}
