"""The person card and its "Edit profile" dialog."""

from __future__ import annotations

import json
from contextlib import suppress
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    CheckboxesElement,
    ContextBlock,
    HeaderBlock,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    SectionBlock,
    StaticMultiSelectElement,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from domain.entities import Contact, SourceMessage
from domain.occasions import CustomDate, solar_day
from domain.profile import BEHAVIOUR_TAGS, rhythm_days
from handlers import ids
from handlers.blocks.dates_text import dates_line, history_value
from handlers.blocks.rhythm_text import rhythm_default, rhythm_line
from handlers.blocks.trust_bars import stage_name, trust_blocks
from prompts import keys, t
from services.people import PersonProfile


def _facts(c: Contact, p: PersonProfile, locale: str) -> str:
    rows = [(t(locale, "person.importance"), str(c.importance)), (t(locale, "person.closeness"), str(c.closeness)),
            (t(locale, "field.stance"), t(locale, f"stance.{c.stance}")),
            (t(locale, "person.level"), t(locale, f"level.{p.level}")),
            (t(locale, "person.trust_stage"), stage_name(c.trust_stage, locale)),
            (t(locale, "person.last_touch"), p.last_touch.isoformat() if p.last_touch else "—"),
            (t(locale, "person.rhythm"), rhythm_line(c, locale)),
            (t(locale, "person.dates"), dates_line(c, p.dates, locale)),
            (t(locale, "person.tags"), "、".join(t(locale, f"tag.{x}") for x in c.behaviour_tags) or "—"),
            (t(locale, "person.owner"), f"<@{c.owner_slack_id}>" if c.owner_slack_id else "—")]
    return "\n".join(f"*{k}*: {v}" for k, v in rows)


def _label(field: str, locale: str) -> str:
    key = f"field.{field}" if f"field.{field}" in keys(locale) else f"person.{field}"
    return t(locale, key) if key in keys(locale) else field


def _history(p: PersonProfile, locale: str) -> str:
    lines = []
    for e in p.history:
        what = t(locale, "person.created") if e.action == "create" else "; ".join(
            f"{_label(k, locale)} {history_value((e.before or {}).get(k), locale)} → {history_value(v, locale)}"
            for k, v in (e.after or {}).items())
        lines.append(f"• {e.at.date().isoformat()} {f'<@{e.actor_slack_id}>' if e.actor_slack_id.startswith('U') else e.actor_slack_id}: {what}")
    return "\n".join(lines) or "—"


def _heard(p: PersonProfile, locale: str) -> str:
    """The points they have heard from us, under the proposition each belongs to: how often, how, when last."""
    lines: list[str] = []
    group: object = ()
    for h in p.heard:
        if h.proposition != group:
            group = h.proposition
            lines.append(f"_{h.proposition}_" if h.proposition else t(locale, "person.heard_other"))
        channels = t(locale, "reminder.list_sep").join(t(locale, f"channel.{c}") for c in h.channels)
        heard = t(locale, "reminder.heard", times=h.times, day=h.last.isoformat(), channels=channels or "—")
        lines.append(t(locale, "person.heard_point", point=h.point, heard=heard))
    return t(locale, "person.heard", points="\n".join(lines) or t(locale, "person.heard_none"))[:3000]


def edit_profile_button(contact_id: int, locale: str) -> ButtonElement:
    """The button that opens a person's Edit profile dialog, on any card that shows them."""
    return ButtonElement(text=t(locale, "button.edit_profile"), action_id=ids.PROFILE_EDIT, value=str(contact_id))


def person_card_blocks(p: PersonProfile, locale: str) -> list[dict[str, Any]]:
    """Blocks for `/rapport person <name>`: profile, trust bars, ties, what they heard from us, and an Edit profile
    button."""
    c = p.contact
    who = " · ".join(x for x in (c.title, c.department, c.account_name) if x) or "—"
    ties = "\n".join(t(locale, f"relation.{kind}", from_=c.name, to=other) if way == "to"
                     else t(locale, f"relation.{kind}", from_=other, to=c.name) for kind, way, other in p.ties)
    blocks: list[Any] = [
        HeaderBlock(text=c.name[:150]), ContextBlock(elements=[MarkdownTextObject(text=who[:3000])]),
        SectionBlock(text=MarkdownTextObject(text=_facts(c, p, locale))),
        *trust_blocks(p.trust, c.trust_stage, locale),
        SectionBlock(text=MarkdownTextObject(text=t(locale, "person.ties", ties=ties or "—")[:3000])),
        SectionBlock(text=MarkdownTextObject(text=_heard(p, locale))),
        SectionBlock(text=MarkdownTextObject(text=t(locale, "person.history", changes=_history(p, locale))[:3000])),
        ActionsBlock(block_id="person_actions", elements=[edit_profile_button(c.id, locale)]),
    ]
    return [b.to_dict() for b in blocks]


def _choice(field: str, label: str, options: list[tuple[str, str]], current: str) -> InputBlock:
    opts = [Option(value=v, text=x) for v, x in options]
    return InputBlock(block_id=f"{ids.PROFILE_FIELD}{field}", label=label, optional=True, element=StaticSelectElement(
        action_id=ids.EDIT_VALUE, options=opts, initial_option=next((o for o in opts if o.value == current), None)))


def profile_view_blocks(c: Contact, locale: str, source: SourceMessage | None = None) -> dict[str, Any]:
    """The Edit profile modal, prefilled."""
    levels = [(str(n), str(n)) for n in range(1, 6)]
    tags = [Option(value=x, text=t(locale, f"tag.{x}")) for x in BEHAVIOUR_TAGS]
    lunar = Option(value="lunar", text=t(locale, "field.birthday_lunar"))
    blocks = [
        InputBlock(block_id=f"{ids.PROFILE_FIELD}title", label=t(locale, "field.title"), optional=True,
                   element=PlainTextInputElement(action_id=ids.EDIT_VALUE, initial_value=c.title or None)),
        _choice("importance", t(locale, "person.importance"), levels, str(c.importance)),
        _choice("closeness", t(locale, "person.closeness"), levels, str(c.closeness)),
        _choice("stance", t(locale, "field.stance"), [(s, t(locale, f"stance.{s}")) for s in
                                                      ("supporter", "neutral", "opponent", "unknown")], c.stance),
        _rhythm_block(c, locale),
        InputBlock(block_id=f"{ids.PROFILE_FIELD}behaviour_tags", label=t(locale, "person.tags"), optional=True,
                   element=StaticMultiSelectElement(action_id=ids.EDIT_VALUE, options=tags, initial_options=[
                       o for o in tags if o.value in c.behaviour_tags] or None)),
        InputBlock(block_id=f"{ids.PROFILE_FIELD}birthday", label=t(locale, "person.birthday_hint"), optional=True,
                   element=PlainTextInputElement(action_id=ids.EDIT_VALUE, initial_value=c.birthday or None)),
        InputBlock(block_id=f"{ids.PROFILE_FIELD}birthday_lunar", label=t(locale, "field.birthday_lunar"),
                   optional=True, element=CheckboxesElement(action_id=ids.EDIT_VALUE, options=[lunar],
                                                            initial_options=[lunar] if c.birthday_lunar else None)),
        *_date_blocks(locale),
    ]
    return View(type="modal", callback_id=ids.PROFILE_VIEW, title=t(locale, "person.edit_title")[:24],
                submit=t(locale, "edit.save")[:24], close=t(locale, "edit.cancel")[:24],
                private_metadata=json.dumps({"id": c.id, "locale": locale, "channel": source.channel if source else None,
                                             "ts": source.ts if source else None}), blocks=blocks).to_dict()


def _rhythm_block(c: Contact, locale: str) -> InputBlock:
    """The rep's own keep-in-touch rhythm in days; left empty, the default it shows as the placeholder holds."""
    return InputBlock(block_id=f"{ids.PROFILE_FIELD}cadence_days", label=t(locale, "person.rhythm_field"),
                      optional=True, hint=t(locale, "person.rhythm_hint"), element=PlainTextInputElement(
                          action_id=ids.EDIT_VALUE, placeholder=rhythm_default(c, locale)[:150], max_length=10,
                          initial_value=str(c.cadence_days) if c.cadence_days is not None else None))


def rhythm_error(values: dict[str, Any], locale: str) -> dict[str, str]:
    """What to correct (by block id) when the rhythm typed is not 1–365 days; empty when it is fine or empty."""
    typed = ((values.get(f"{ids.PROFILE_FIELD}cadence_days") or {}).get(ids.EDIT_VALUE) or {}).get("value")
    try:
        rhythm_days(typed)
    except ValueError:
        return {f"{ids.PROFILE_FIELD}cadence_days": t(locale, "person.rhythm_invalid")}
    return {}


def _date_blocks(locale: str) -> list[InputBlock]:
    """A date to remember, added each time the dialog is saved with one: its name, MM-DD, lunar or not."""
    lunar = Option(value="lunar", text=t(locale, "person.date_lunar"))
    return [InputBlock(block_id=f"{ids.PROFILE_FIELD}date_label", label=t(locale, "person.date_label"), optional=True,
                       element=PlainTextInputElement(action_id=ids.EDIT_VALUE, max_length=100)),
            InputBlock(block_id=f"{ids.PROFILE_FIELD}date_when", label=t(locale, "person.date_when"), optional=True,
                       element=PlainTextInputElement(action_id=ids.EDIT_VALUE, placeholder="05-20", max_length=10)),
            InputBlock(block_id=f"{ids.PROFILE_FIELD}date_lunar", label=t(locale, "field.birthday_lunar"), optional=True,
                       element=CheckboxesElement(action_id=ids.EDIT_VALUE, options=[lunar]))]


def date_to_add(values: dict[str, Any], locale: str) -> tuple[CustomDate | None, dict[str, str]]:
    """The custom date the dialog adds, if any, or what to correct (by block id) when it is half filled in."""
    def state(name: str) -> dict[str, Any]:
        return dict((values.get(f"{ids.PROFILE_FIELD}{name}") or {}).get(ids.EDIT_VALUE) or {})

    label, when = (str(state(n).get("value") or "").strip() for n in ("date_label", "date_when"))
    lunar = bool(state("date_lunar").get("selected_options"))
    if not label and not when:
        return None, {}
    day = _month_day(when, lunar)
    if day is None:
        return None, {f"{ids.PROFILE_FIELD}date_when": t(locale, "person.date_invalid")}
    if not label:
        return None, {f"{ids.PROFILE_FIELD}date_label": t(locale, "person.date_needs_label")}
    return CustomDate("custom", day[0], day[1], None, label, lunar), {}


def _month_day(text: str, lunar: bool) -> tuple[int, int] | None:
    """MM-DD as (month, day) when such a day exists: up to the 30th of a lunar month, Feb 29 allowed."""
    mmdd = _mmdd(text)
    if mmdd is None:
        return None
    month, day = int(mmdd[:2]), int(mmdd[3:])
    valid = day <= 30 if lunar else solar_day(2024, month, day) is not None
    return (month, day) if valid else None


def profile_values(values: dict[str, Any]) -> dict[str, Any]:
    """The edited profile fields from the modal's state.values (absent blocks are left alone)."""
    def field(name: str) -> dict[str, Any] | None:
        return (values.get(f"{ids.PROFILE_FIELD}{name}") or {}).get(ids.EDIT_VALUE)

    out: dict[str, Any] = {}
    if (v := field("title")) is not None:
        out["title"] = (v.get("value") or "").strip() or None
    for name in ("importance", "closeness"):
        if (v := field(name)) and v.get("selected_option"):
            out[name] = int(v["selected_option"]["value"])
    if (v := field("stance")) and v.get("selected_option"):
        out["stance"] = v["selected_option"]["value"]
    if (v := field("behaviour_tags")) is not None:
        out["behaviour_tags"] = tuple(o["value"] for o in v.get("selected_options") or [] if o["value"] in BEHAVIOUR_TAGS)
    if (v := field("birthday")) is not None:
        out["birthday"] = _mmdd((v.get("value") or "").strip())
    if (v := field("birthday_lunar")) is not None:
        out["birthday_lunar"] = bool(v.get("selected_options"))
    if (v := field("cadence_days")) is not None:
        with suppress(ValueError):  # a rhythm out of range is refused in the dialog (rhythm_error) before saving
            out["cadence_days"] = rhythm_days(v.get("value"))
    return out


def _mmdd(text: str) -> str | None:
    digits = [int(x) for x in text.replace("/", "-").replace(".", "-").split("-") if x.isdigit()]
    return f"{digits[0]:02d}-{digits[1]:02d}" if len(digits) == 2 and 1 <= digits[0] <= 12 and 1 <= digits[1] <= 31 else None
