"""The value-pitch library as Slack shows it: the list, what wins, and the create / edit dialog."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    CheckboxesElement,
    ContextBlock,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    SectionBlock,
    StaticMultiSelectElement,
)
from slack_sdk.models.views import View

from domain.entities import SourceMessage
from domain.graph.chain import ROLES
from domain.pitch_library import TITLE_MAX, Problem
from domain.pitch_wins import PRIOR_DEALS, WinRate
from domain.pitches import MAX_POINTS, Proposition, spoken_length
from handlers import ids
from prompts import t
from services.pitch_library import LibraryPitch
from services.pitch_share import Share
from services.pitch_wins import Best

SHOWN = 40  # a message holds 50 blocks: the title, the pitches, the note and the button row
POINT_MAX = 500  # long enough to paste an overlong pitch and be told by how much it overruns


def record_text(record: WinRate, locale: str) -> str:
    """A pitch's record: won W of N deals · P% (smoothed)."""
    return t(locale, "pitch.record", won=record.won, deals=record.deals, percent=f"{100 * record.rate:.0f}")


def _tags_line(prop: Proposition, locale: str) -> str | None:
    parts = [t(locale, key, values=", ".join(values)) for key, values in (
        ("pitch.industries", prop.industries), ("pitch.products", prop.products),
        ("pitch.roles", [t(locale, f"role.{r}") for r in prop.roles])) if values]
    return " · ".join(parts) or None


def pitch_text(pitch: LibraryPitch, locale: str) -> str:
    """One pitch: title and seconds, its numbered points, its tags, and its record when it has one."""
    lines = [f"*{pitch.proposition.title}* · {t(locale, 'pitch.seconds', seconds=pitch.seconds)}"]
    lines += [f"{i}. {p}" for i, p in enumerate(pitch.proposition.points, start=1)]
    tags = _tags_line(pitch.proposition, locale)
    lines += [f"_{tags}_"] if tags else []
    lines += [record_text(pitch.record, locale)] if pitch.record else []
    return "\n".join(lines)[:3000]


def _edit_button(prop: Proposition, locale: str) -> ButtonElement:
    return ButtonElement(text=t(locale, "pitch.button.edit"), action_id=ids.PITCH_EDIT, value=str(prop.id))


def _new_row(locale: str) -> ActionsBlock:
    return ActionsBlock(block_id="pitch_actions", elements=[
        ButtonElement(text=t(locale, "pitch.button.new"), action_id=ids.PITCH_NEW, value="new", style="primary")])


def library_blocks(pitches: Sequence[LibraryPitch], locale: str, words: str = "") -> list[dict]:
    """The library (or what a search found), each pitch with its Edit button, and a New pitch button."""
    title = (t(locale, "pitch.matching", words=words, count=len(pitches)) if words
             else t(locale, "pitch.title", count=len(pitches)))
    blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(text=f"*{title}*"))]
    blocks += [SectionBlock(block_id=f"pitch_{p.proposition.id}", text=MarkdownTextObject(text=pitch_text(p, locale)),
                            accessory=_edit_button(p.proposition, locale)) for p in pitches[:SHOWN]]
    note = (t(locale, "pitch.more", more=len(pitches) - SHOWN) if len(pitches) > SHOWN
            else t(locale, "pitch.no_match", words=words) if words and not pitches
            else t(locale, "pitch.empty") if not pitches else t(locale, "pitch.rule"))
    blocks += [ContextBlock(elements=[MarkdownTextObject(text=note)]), _new_row(locale)]
    return [b.to_dict() for b in blocks]


def best_blocks(best: Best, locale: str, *, title: str | None = None) -> list[dict]:
    """The propositions and points that won most, the best one offered as a template, and how rates are smoothed."""
    among = t(locale, f"role.{best.role}") if best.role else best.industry
    title = title or (t(locale, "pitch.best.title_in", among=among) if among else t(locale, "pitch.best.title"))
    blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(text=f"*{title}*"))]
    if not best.propositions and not best.points:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=t(locale, "pitch.best.empty"))))
    if best.propositions:
        lines = [t(locale, "pitch.best.propositions")] + [
            f"{i}. *{b.proposition.title}* · {record_text(b.record, locale)}"
            for i, b in enumerate(best.propositions, start=1)]
        blocks.append(SectionBlock(text=MarkdownTextObject(text="\n".join(lines)[:3000])))
    if best.points:
        lines = [t(locale, "pitch.best.points")] + [f"{i}. {r.key} · {record_text(r, locale)}"
                                                    for i, r in enumerate(best.points, start=1)]
        blocks.append(SectionBlock(text=MarkdownTextObject(text="\n".join(lines)[:3000])))
    if best.propositions:
        top = best.propositions[0].proposition
        blocks.append(SectionBlock(block_id="pitch_template",
                                   text=MarkdownTextObject(text=t(locale, "pitch.best.template", title=top.title)),
                                   accessory=ButtonElement(text=t(locale, "pitch.button.template"),
                                                           action_id=ids.PITCH_TEMPLATE, value=str(top.id))))
    blocks.append(ContextBlock(elements=[MarkdownTextObject(text=t(
        locale, "pitch.best.method", base=f"{100 * best.base:.0f}", closed=best.closed, prior=f"{PRIOR_DEALS:g}"))]))
    return [b.to_dict() for b in blocks]


def pitch_share_blocks(share: Share, locale: str) -> list[dict]:
    """The weekly share in the team channel: what wins, as `/rapport pitch best` shows it, or one line when
    no closed deal has heard a library pitch yet."""
    if share.empty:
        return [SectionBlock(text=MarkdownTextObject(text=t(locale, "pitchshare.empty", week=share.week))).to_dict()]
    return best_blocks(share.best, locale, title=t(locale, "pitchshare.title", week=share.week))


def pitch_share_text(share: Share, locale: str) -> str:
    """The share's notification line: the leading proposition and its record."""
    if share.empty:
        return t(locale, "pitchshare.empty", week=share.week)
    if not share.best.propositions:  # points said without a library pitch behind them
        return t(locale, "pitchshare.title", week=share.week)
    lead = share.best.propositions[0]
    return t(locale, "pitchshare.text", week=share.week, title=lead.proposition.title,
             record=record_text(lead.record, locale))


def saved_blocks(pitch: LibraryPitch, locale: str, *, archived: bool = False) -> list[dict]:
    """The pitch as saved, with its estimated seconds and its Edit button; an archived one is only named."""
    if archived:
        said = t(locale, "pitch.archived", title=pitch.proposition.title)
        return [SectionBlock(text=MarkdownTextObject(text=said)).to_dict()]
    section = SectionBlock(block_id=f"pitch_{pitch.proposition.id}",
                           text=MarkdownTextObject(text=pitch_text(pitch, locale)),
                           accessory=_edit_button(pitch.proposition, locale))
    return [ContextBlock(elements=[MarkdownTextObject(text=t(locale, "pitch.saved_head"))]).to_dict(),
            section.to_dict()]


def _field(name: str) -> str:
    return f"{ids.PITCH_FIELD}{name}"


def _text(name: str, label: str, value: str | None, *, optional: bool, **options: Any) -> InputBlock:
    return InputBlock(block_id=_field(name), label=label, optional=optional,
                      element=PlainTextInputElement(action_id=ids.PITCH_VALUE, initial_value=value or None, **options))


def _roles(prop: Proposition | None, locale: str) -> InputBlock:
    options = [Option(value=r, text=t(locale, f"role.{r}")[:75]) for r in ROLES]
    chosen = [o for o in options if prop and o.value in prop.roles]
    return InputBlock(block_id=_field("roles"), label=t(locale, "pitch.field.roles"), optional=True,
                      element=StaticMultiSelectElement(action_id=ids.PITCH_VALUE, options=options,
                                                       initial_options=chosen or None))


def _archive(locale: str) -> InputBlock:
    option = Option(value="archive", text=t(locale, "pitch.field.archive_option"))
    return InputBlock(block_id=_field("archive"), label=t(locale, "pitch.field.archive"), optional=True,
                      element=CheckboxesElement(action_id=ids.PITCH_VALUE, options=[option]))


def pitch_view_blocks(prop: Proposition | None, locale: str, *, editing: bool = False,
                      source: SourceMessage | None = None) -> dict[str, Any]:
    """The create dialog (empty, or prefilled from a template) or the edit dialog; the card it came from rides along."""
    points = list(prop.points) if prop else []
    blocks: list[Block] = [_text("title", t(locale, "pitch.field.title"), prop.title if prop else None,
                                 optional=False, max_length=TITLE_MAX)]
    blocks += [_text(f"point_{n}", t(locale, "pitch.field.point", n=n), points[n - 1] if n <= len(points) else None,
                     optional=n == MAX_POINTS, multiline=True, max_length=POINT_MAX) for n in range(1, MAX_POINTS + 1)]
    rule = t(locale, "pitch.rule") + (" " + t(locale, "pitch.now", seconds=spoken_length(points).seconds)
                                      if editing else "")
    blocks += [ContextBlock(elements=[MarkdownTextObject(text=rule)]),
               _text("industries", t(locale, "pitch.field.industries"), ", ".join(prop.industries) if prop else None,
                     optional=True, max_length=300),
               _text("products", t(locale, "pitch.field.products"), ", ".join(prop.products) if prop else None,
                     optional=True, max_length=300),
               _roles(prop, locale)]
    blocks += [_archive(locale)] if editing else []
    meta = {"id": prop.id if editing and prop else None, "locale": locale,
            "channel": source.channel if source else None, "ts": source.ts if source else None}
    title = t(locale, "pitch.view.edit" if editing else "pitch.view.new")
    return View(type="modal", callback_id=ids.PITCH_VIEW, title=title[:24], submit=t(locale, "edit.save")[:24],
                close=t(locale, "edit.cancel")[:24], private_metadata=json.dumps(meta), blocks=blocks).to_dict()


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").replace("，", ",").replace("、", ",").split(",") if v.strip()]


def pitch_form(values: dict[str, Any]) -> dict[str, Any]:
    """What the dialog holds: title, the three points as typed, industries, products, roles, and the archive tick."""
    def state(name: str) -> dict[str, Any]:
        return (values.get(_field(name)) or {}).get(ids.PITCH_VALUE) or {}

    return {"title": state("title").get("value") or "",
            "points": [state(f"point_{n}").get("value") for n in range(1, MAX_POINTS + 1)],
            "industries": _split(state("industries").get("value")),
            "products": _split(state("products").get("value")),
            "roles": [o["value"] for o in state("roles").get("selected_options") or []],
            "archive": bool(state("archive").get("selected_options"))}


def pitch_errors(problems: Sequence[Problem], locale: str) -> dict[str, str]:
    """Each problem under the field to fix; an overrun says by how many seconds (约 40 秒超时)."""
    return {_field(p.field): t(locale, f"pitch.error.{p.code}", over=p.over, seconds=p.seconds, max=TITLE_MAX)
            for p in problems}
