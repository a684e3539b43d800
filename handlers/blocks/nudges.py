"""Nudge cards: a greeting draft (Mark sent / Edit / Snooze / Skip), a touch reminder, the morning digest."""

from __future__ import annotations

import json
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    HeaderBlock,
    InputBlock,
    MarkdownTextObject,
    PlainTextInputElement,
    PlainTextObject,
    SectionBlock,
)
from slack_sdk.models.views import View

from handlers import ids
from handlers.blocks.my_day import local_date, local_time, my_day_blocks, occasion_label, person_line
from prompts import t
from services.nudges import DigestCard, GreetingCard, TouchCard

DRAFT_MAX = 2900  # a plain-text section holds 3,000 characters


def _button(label_key: str, action_id: str, card: GreetingCard | TouchCard, locale: str,
            style: str | None = None) -> ButtonElement:
    return ButtonElement(text=t(locale, label_key), action_id=action_id, value=str(card.delivery_id), style=style)


def _decided(card: GreetingCard | TouchCard, locale: str) -> str:
    """What the rep did with the card, in one line."""
    if card.outcome == "snoozed":
        return t(locale, "nudge.snoozed", until=local_time(card.until, locale) if card.until else "—")
    if card.outcome == "sent":
        return t(locale, "nudge.sent", name=card.who.name)
    return t(locale, "nudge.skipped")


def _footer(card: GreetingCard | TouchCard, buttons: list[ButtonElement], hint: str, locale: str) -> list[Block]:
    if card.outcome:
        return [ContextBlock(elements=[MarkdownTextObject(text=_decided(card, locale))])]
    return [ContextBlock(elements=[MarkdownTextObject(text=hint)]), ActionsBlock(block_id="nudge_actions", elements=buttons)]


def greeting_blocks(card: GreetingCard, locale: str) -> list[dict[str, Any]]:
    """A greeting draft: who, the occasion and its day, the words to copy, and the four buttons."""
    who = card.who
    occasion = occasion_label(card.occasion, card.label, locale)
    when = t(locale, "nudge.greeting_when", occasion=occasion, day=local_date(card.day, locale) if card.day else "—")
    buttons = [_button("button.mark_sent", ids.NUDGE_SENT, card, locale, "primary"),
               _button("button.edit", ids.NUDGE_EDIT, card, locale),
               _button("button.snooze", ids.NUDGE_SNOOZE, card, locale),
               _button("button.skip", ids.NUDGE_SKIP, card, locale)]
    blocks: list[Block] = [
        HeaderBlock(text=t(locale, "nudge.greeting_header", occasion=occasion, name=who.name)[:150]),
        SectionBlock(text=MarkdownTextObject(text=person_line(who.name, who.title, who.account, locale) + "\n" + when)),
        # Plain text, no quote or code: the rep copies the words as they are into WeChat, a text or a mail.
        SectionBlock(text=PlainTextObject(text=card.draft[:DRAFT_MAX] or "—", emoji=False)),
        *_footer(card, buttons, t(locale, "nudge.greeting_hint"), locale),
    ]
    return [b.to_dict() for b in blocks]


def touch_blocks(card: TouchCard, locale: str) -> list[dict[str, Any]]:
    """A keep-in-touch reminder: who, days since the last touch against the rhythm, and what raises trust."""
    who = card.who
    since = (t(locale, "nudge.touch_since", days=card.days_since, cadence=card.cadence_days or "—")
             if card.days_since is not None else t(locale, "nudge.touch_never", cadence=card.cadence_days or "—"))
    lines = [person_line(who.name, who.title, who.account, locale), since]
    if card.last_note:
        lines.append(t(locale, "nudge.last_note", note=card.last_note))
    lines.append(t(locale, "nudge.weakest", dimension=t(locale, f"trust.dim.{card.weakest}"),
                   how=t(locale, f"trust.raise.{card.weakest}")))
    buttons = [_button("button.log_it", ids.NUDGE_LOG, card, locale, "primary"),
               _button("button.snooze", ids.NUDGE_SNOOZE, card, locale),
               _button("button.skip", ids.NUDGE_SKIP, card, locale)]
    blocks: list[Block] = [
        HeaderBlock(text=t(locale, "nudge.touch_header", name=who.name)[:150]),
        SectionBlock(text=MarkdownTextObject(text="\n".join(lines)[:3000])),
        *_footer(card, buttons, t(locale, "nudge.touch_hint"), locale),
    ]
    return [b.to_dict() for b in blocks]


def digest_blocks(card: DigestCard, locale: str) -> list[dict[str, Any]]:
    """The morning digest: a greeting line and the rep's day."""
    header = HeaderBlock(text=t(locale, "digest.header", day=local_date(card.day.today, locale))[:150]).to_dict()
    return [header, *my_day_blocks(card.day, locale)]


def nudge_blocks(card: GreetingCard | TouchCard | DigestCard, locale: str) -> list[dict[str, Any]]:
    """The blocks of any nudge card."""
    if isinstance(card, GreetingCard):
        return greeting_blocks(card, locale)
    if isinstance(card, TouchCard):
        return touch_blocks(card, locale)
    return digest_blocks(card, locale)


def nudge_text(card: GreetingCard | TouchCard | DigestCard, locale: str) -> str:
    """The notification line of a nudge card."""
    if isinstance(card, GreetingCard):
        occasion = occasion_label(card.occasion, card.label, locale)
        return t(locale, "nudge.greeting_text", name=card.who.name, occasion=occasion)
    if isinstance(card, TouchCard):
        return t(locale, "nudge.touch_text", name=card.who.name)
    day = card.day
    return t(locale, "digest.text", touches=len(day.touches), greetings=len(day.greetings), meetings=len(day.meetings))


def greeting_edit_view(card: GreetingCard, locale: str, channel: str | None, ts: str | None) -> dict[str, Any]:
    """The Edit dialog of a greeting: the draft, multiline; the card's place rides in metadata."""
    element = PlainTextInputElement(action_id=ids.NUDGE_EDIT_INPUT, multiline=True, max_length=DRAFT_MAX,
                                    initial_value=card.draft[:DRAFT_MAX] or None)
    block = InputBlock(block_id=ids.NUDGE_EDIT_BLOCK, label=t(locale, "nudge.edit_label", name=card.who.name)[:2000],
                       element=element)
    meta = {"d": card.delivery_id, "c": channel, "t": ts}
    view = View(type="modal", callback_id=ids.NUDGE_EDIT_VIEW, title=t(locale, "nudge.edit_title")[:24],
                submit=t(locale, "nudge.edit_submit")[:24], close=t(locale, "edit.cancel")[:24],
                private_metadata=json.dumps(meta), blocks=[block])
    return view.to_dict()


def greeting_edit_values(values: dict[str, Any]) -> str:
    """The draft the rep wrote in the Edit dialog."""
    return str(((values.get(ids.NUDGE_EDIT_BLOCK) or {}).get(ids.NUDGE_EDIT_INPUT) or {}).get("value") or "")
