"""The card's lines about the deal: facts, control points, chain roles, requests, meetings, pitches."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from slack_sdk.models.blocks import ActionsBlock, Block, ButtonElement, MarkdownTextObject, SectionBlock

from domain.deal_plan import NEW_DEAL, DealStep
from domain.log_plan import DEAL_CHOICE, LogPlan
from handlers import ids
from prompts import t

_ENUM_FIELDS = {"award_method": "method", "award_rule": "rule"}


def _sep(locale: str) -> str:
    return ", " if locale == "en" else "、"


def show_value(field: str, value: Any, locale: str) -> str:
    """A deal fact as a rep reads it: 5,000,000 CNY, 公开招标, 技术 60 / 价格 40."""
    if value in (None, "", (), []):
        return "—"
    if field in _ENUM_FIELDS:
        return t(locale, f"{_ENUM_FIELDS[field]}.{value}")
    if field == "amount":
        return f"{value:,.0f}"
    if field == "evaluation_criteria":
        return " / ".join(f"{_criterion(str(c['item']), locale)} {float(c['weight']):g}"
                          for c in value)
    if isinstance(value, tuple | list):
        return _sep(locale).join(str(v) for v in value)
    return value.isoformat() if isinstance(value, date) else str(value)


def _criterion(item: str, locale: str) -> str:
    return t(locale, f"criterion.{item}") if item in ("technical", "commercial", "price") else item


def _deal_line(step: DealStep, account: str, locale: str) -> str:
    if step.deal is None:
        facts = "; ".join(f"{t(locale, f'field.{f}')} {show_value(f, a, locale)}" for f, _b, a in step.changes)
        head = t(locale, "card.deal_new_at", account=account) if step.name == account else t(
            locale, "card.deal_new", name=step.name, account=account)
        return head + (f": {facts}" if facts else "")
    if not step.changes:
        return t(locale, "card.deal_same", name=step.name)
    changes = "; ".join(f"{t(locale, f'field.{f}')} {show_value(f, b, locale)} → {show_value(f, a, locale)}"
                        for f, b, a in step.changes)
    return t(locale, "card.deal_update", name=step.name, changes=changes)


def deal_lines(plan: LogPlan, locale: str) -> list[str]:
    """Lines for the deal, its control points and the people's roles in its chain."""
    step = plan.deal
    if step is None or step.needs_choice:
        return []
    lines = [_deal_line(step, plan.account_name or "", locale)]
    for p in step.points:
        was = t(locale, "card.point_was", state=t(locale, f"state.{p.before}")) if p.before != "unknown" else ""
        lines.append(t(locale, "card.point", state=t(locale, f"state.{p.after}"), point=t(locale, f"point.{p.key}"),
                       was=was))
    lines += [t(locale, "card.role", name=name, role=t(locale, f"role.{role}")) for name, role in step.roles]
    return lines


def plan_extra_lines(plan: LogPlan, locale: str) -> list[str]:
    """Lines for presales requests, planned meetings and the points pitched."""
    log, lines = plan.log, []
    for r in log.resource_requests:
        by = t(locale, "card.request_by", date=r.needed_by.isoformat()) if r.needed_by else ""
        lines.append(t(locale, "card.request", type=t(locale, f"request.{r.type}"), by=by))
    for m in log.next_meetings:
        names = t(locale, "card.meeting_with", names=_sep(locale).join(m.with_)) if m.with_ else ""
        lines.append(t(locale, "card.meeting", date=m.on.isoformat(), time=f" {m.at}" if m.at else "", names=names))
    if log.pitched:
        lines.append(t(locale, "card.pitched", points="; ".join(log.pitched)))
    return lines


def deal_question_blocks(draft_id: int, plan: LogPlan, locale: str) -> list[Block]:
    """"Which deal?" with a button per open deal of the account and one for a new deal."""
    step = plan.deal
    if step is None or not step.needs_choice:
        return []

    def value(choice: Any) -> str:
        return json.dumps({"d": draft_id, "w": DEAL_CHOICE, "c": choice}, ensure_ascii=False)

    buttons = [ButtonElement(text=d.name[:75], action_id=f"{ids.LOG_PICK_PREFIX}{50 + i}", value=value(d.id))
               for i, d in enumerate(step.candidates[:20])]
    buttons.append(ButtonElement(text=t(locale, "button.new_deal"), action_id=f"{ids.LOG_PICK_PREFIX}98",
                                 value=value(NEW_DEAL)))
    text = t(locale, "card.ask_deal", account=plan.account_name or "")
    return [SectionBlock(text=MarkdownTextObject(text=text)), ActionsBlock(block_id="pick_deal", elements=buttons)]
