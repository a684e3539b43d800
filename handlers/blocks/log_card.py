"""The meeting log's confirmation card: every change a line a rep reads at a glance."""

from __future__ import annotations

import json
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)

from domain.deal_plan import concerns_a_deal
from domain.log_plan import NEW, LogPlan, PersonStep
from handlers import ids
from handlers.blocks.dates_text import date_phrase
from handlers.blocks.log_card_deal import deal_lines, deal_question_blocks, plan_extra_lines
from prompts import t
from services.log_meeting import LogCardView

MAX_BLOCKS = 50  # Slack's limit per message, which slack_sdk does not check


def _md(text: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=text[:3000]))


def _details(step: PersonStep, locale: str) -> str:
    m = step.mention
    parts = [p for p in (m.title, m.department) if p]
    if m.stance:
        parts.append(t(locale, f"stance.{m.stance}"))
    if m.birthday:
        parts.append(f"{t(locale, 'field.birthday')} {t(locale, 'lunar') + ' ' if m.birthday_lunar else ''}{m.birthday}")
    return f" ({', '.join(parts)})" if parts else ""


def _change(field: str, before: Any, after: Any, locale: str) -> str:
    def show(value: Any) -> str:
        if field == "stance" and value:
            return t(locale, f"stance.{value}")
        if isinstance(value, tuple | list):
            return ", ".join(value) or "—"
        return "—" if value in (None, "") else str(value)

    return f"{t(locale, f'field.{field}')} {show(before)} → {show(after)}"


def person_line(step: PersonStep, locale: str) -> str:
    """One line for a person: new, updated or already known."""
    if step.is_new:
        return t(locale, "card.contact_new", name=step.mention.name, details=_details(step, locale))
    name = step.contact.name if step.contact else step.mention.name
    if step.mention.name != name:
        name = f"{step.mention.name} → {name}"
    if step.changes:
        changes = "; ".join(_change(f, b, a, locale) for f, b, a in step.changes)
        return t(locale, "card.contact_update", name=name, changes=changes)
    return t(locale, "card.contact_same", name=name)


def _also(plan: LogPlan, locale: str) -> str | None:
    # Deal facts with no account to hang them on stay in the note; the card says so.
    if plan.deal is not None or not concerns_a_deal(plan.log):
        return None
    items = [t(locale, "also.deal")]
    if n := len(plan.log.control_points):
        items.append(t(locale, "also.control_points", n=n))
    return t(locale, "card.also", items=", ".join(items))


def plan_lines(plan: LogPlan, locale: str) -> list[str]:
    """The lines of what Confirm records, in reading order."""
    log, lines = plan.log, []
    if plan.account_name:
        lines.append(t(locale, "card.account_new" if plan.account_is_new else "card.account", name=plan.account_name))
    known = [p.contact.name if p.contact else p.mention.name for p in plan.people]
    names = ", ".join(known) if locale == "en" else "、".join(known)
    if plan.extends is not None:
        lines.append(t(locale, "card.extends", date=plan.extends.occurred_on.isoformat(),
                       channel=t(locale, f"channel.{plan.extends.channel}"),
                       people=t(locale, "card.with", names=names) if names else ""))
    else:
        lines.append(t(locale, "card.interaction", channel=t(locale, f"channel.{log.channel}"),
                       date=log.occurred_on.isoformat() if log.occurred_on else "—",
                       people=t(locale, "card.with", names=names) if names else ""))
    lines += [person_line(p, locale) for p in plan.people if not p.needs_choice]
    lines += [t(locale, "card.date", name=p.contact.name if p.contact else p.mention.name, what=date_phrase(d, locale))
              for p in plan.people for d in p.dates]
    for rel in plan.relations:
        text = t(locale, f"relation.{rel.kind}", from_=rel.from_, to=rel.to)
        lines.append(t(locale, "card.relation", text=text))
    return lines + deal_lines(plan, locale) + plan_extra_lines(plan, locale)


def _question_blocks(view: LogCardView, step: PersonStep, index: int, locale: str) -> list[Block]:
    buttons = [
        ButtonElement(
            text=f"{c.name} · {c.title or ''} {c.account_name or ''}".strip()[:75],
            action_id=f"{ids.LOG_PICK_PREFIX}{i}",
            value=json.dumps({"d": view.draft_id, "w": step.mention.name, "c": c.id}, ensure_ascii=False),
        )
        for i, c in enumerate(step.candidates[:20])
    ]
    buttons.append(ButtonElement(text=t(locale, "button.new_person"), action_id=f"{ids.LOG_PICK_PREFIX}99",
                                 value=json.dumps({"d": view.draft_id, "w": step.mention.name, "c": NEW},
                                                  ensure_ascii=False)))
    return [_md(t(locale, "card.ask", name=step.mention.name)),
            ActionsBlock(block_id=f"pick_{index}", elements=buttons)]


def _actions(view: LogCardView, locale: str) -> ActionsBlock:
    value = str(view.draft_id)
    buttons = []
    if view.plan.recordable:
        buttons.append(ButtonElement(text=t(locale, "button.confirm"), action_id=ids.LOG_CONFIRM, value=value,
                                     style="primary"))
    buttons += [
        ButtonElement(text=t(locale, "button.edit"), action_id=ids.LOG_EDIT, value=value),
        ButtonElement(text=t(locale, "button.discard"), action_id=ids.LOG_DISCARD, value=value, style="danger"),
    ]
    return ActionsBlock(block_id="log_actions", elements=buttons)


def _warnings(plan: LogPlan, locale: str) -> list[Block]:
    notes = [t(locale, "card.flag", reason=f.reason) for f in plan.log.flags]
    notes += [t(locale, "card.unparsed", text=u) for u in plan.log.unparsed]
    if also := _also(plan, locale):
        notes.append(also)
    return [ContextBlock(elements=[MarkdownTextObject(text=n[:3000]) for n in notes[i:i + 10]])
            for i in range(0, len(notes), 10)]


def _saved_text(outcome: dict[str, Any], locale: str) -> str:
    parts = [t(locale, "card.saved_parts", date=outcome.get("occurred_on", ""))]
    for key, name in (("contacts_new", "card.saved_new"), ("contacts_updated", "card.saved_updated"),
                      ("relations", "card.saved_relations"), ("control_points", "card.saved_points"),
                      ("requests", "card.saved_requests"), ("meetings", "card.saved_meetings"),
                      ("occasions", "card.saved_dates")):
        if outcome.get(key):
            parts.append(t(locale, name, n=outcome[key]))
    for key, name in (("account_new", "card.saved_account"), ("deal_new", "card.saved_deal_new"),
                      ("deal_updated", "card.saved_deal_updated"), ("congratulations", "card.saved_congratulations")):
        if outcome.get(key):
            parts.append(t(locale, name))
    return t(locale, "card.saved", what=", ".join(parts) if locale == "en" else "，".join(parts))


def _profile_buttons(contact_ids: dict[str, int], locale: str) -> list[Block]:
    """After saving, one Edit profile button per person recorded, to fill in what the log did not say."""
    buttons = [ButtonElement(text=f"{t(locale, 'button.edit_profile')}: {name}"[:75],
                             action_id=f"{ids.PROFILE_EDIT}:{i}", value=str(cid))
               for i, (name, cid) in enumerate(list(contact_ids.items())[:20])]
    return [ActionsBlock(block_id="profiles", elements=buttons)] if buttons else []


def log_card_blocks(view: LogCardView, locale: str) -> list[dict[str, Any]]:
    """The card for a draft, a saved log or a discarded one; notices appear on top."""
    plan = view.plan
    header = {"pending": "card.header", "confirmed": "card.header_saved"}.get(view.state, "card.header_discarded")
    blocks: list[Block] = [HeaderBlock(text=t(locale, header))]
    if view.notice:
        blocks.append(_md(t(locale, f"notice.{view.notice}")))
    if view.state == "discarded":
        blocks.append(_md(t(locale, "card.discarded")))
        return [b.to_dict() for b in blocks]
    blocks += [_md(line) for line in plan_lines(plan, locale)]
    if view.state == "confirmed" and view.outcome:
        blocks.append(_md(_saved_text(view.outcome, locale)))
        blocks += _profile_buttons(view.outcome.get("contact_ids") or {}, locale)
        return [b.to_dict() for b in blocks[:MAX_BLOCKS]]
    if not plan.recordable:
        blocks.append(_md(t(locale, "card.nothing")))
    for i, step in enumerate(plan.questions):
        blocks += _question_blocks(view, step, i, locale)
    blocks += deal_question_blocks(view.draft_id, plan, locale)
    blocks += _warnings(plan, locale)
    blocks = blocks[: MAX_BLOCKS - 1] + [_actions(view, locale)]
    return [b.to_dict() for b in blocks]


def log_card_text(view: LogCardView, locale: str) -> str:
    """The notification text that goes with the card (what a phone shows)."""
    header = {"pending": "card.header", "confirmed": "card.header_saved"}.get(view.state, "card.header_discarded")
    return t(locale, header)
