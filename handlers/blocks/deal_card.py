"""The deal card: facts, decision chain, the six control points, health, next meetings and open requests."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)

from domain.control_points import BEFORE_TENDER, IN_TENDER, TenderInference
from domain.deal_health import DealHealth, Reason
from domain.entities import ControlPoint, Deal
from domain.graph.chain import ROLES
from domain.scoring import Factor
from handlers.blocks.deal_edit import edit_deal_actions
from handlers.blocks.deal_pitches import role_pitch_blocks
from handlers.blocks.requests import request_button
from prompts import keys, normalise_locale, t
from services.deal_score import ScoreView
from services.deals import DealCard

DATES = (("budget_on", "deal.budget_on"), ("rfp_due", "deal.rfp_due"), ("tender_on", "deal.tender_on"),
         ("close_on", "deal.close_on"))
MAX_CUSTOM = 8  # a wide export has dozens of columns; the card shows the first few
HEALTH_MARK = {"green": "🟢", "amber": "🟡", "red": "🔴"}
FACTOR_VALUES = {"award_method": "method", "award_rule": "rule", "decision_maker": "stance"}


def _join(locale: str, items: Iterable[str]) -> str:
    return ("、" if locale.startswith("zh") else ", ").join(items)


def _maybe(locale: str, key: str, fallback: str) -> str:
    """A catalog text when the catalog has one, else the stored value as it is."""
    return t(locale, key) if key in keys(normalise_locale(locale)) else fallback


def _section(text: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=text[:3000]))


def money_text(amount: float | None, currency: str | None) -> str:
    """An amount as the cards show it, whole units with its currency ("1,200,000 CNY"); empty when unknown."""
    return f"{amount:,.0f} {currency or ''}".strip() if amount is not None else ""


def _facts(deal: Deal, account: str, locale: str, custom: tuple[tuple[str, str], ...] = ()) -> list[Block]:
    amount = money_text(deal.amount, deal.currency)
    facts = " · ".join(x for x in (account, _maybe(locale, f"deal.stage.{deal.stage}", deal.stage), amount) if x)
    dates = " · ".join(f"{t(locale, key)} {getattr(deal, name).isoformat()}" for name, key in DATES
                       if getattr(deal, name) is not None)
    lines = [t(locale, "deal.dates", dates=dates or t(locale, "deal.no_dates"))]
    if deal.competitors:
        lines.append(t(locale, "deal.competitors", names=_join(locale, deal.competitors)))
    if custom:
        lines.append(t(locale, "deal.custom", fields=" · ".join(f"{k}: {v}" for k, v in custom[:MAX_CUSTOM])))
    return [ContextBlock(elements=[MarkdownTextObject(text=facts)]), _section("\n".join(lines))]


def _chain(view: DealCard, locale: str) -> list[Block]:
    lines = []
    for role in ROLES:
        held = [t(locale, "deal.member", name=view.people[m.contact_id].name, stance=t(locale, f"stance.{m.stance}"))
                for m in view.chain.holding(role) if m.contact_id in view.people]
        if held:
            lines.append("• " + t(locale, "deal.labelled", label=t(locale, f"role.{role}"), value=_join(locale, held)))
    missing = view.chain.missing_roles()
    if missing:
        lines.append(t(locale, "deal.chain_missing", roles=_join(locale, (t(locale, f"role.{r}") for r in missing))))
    return [_section(t(locale, "deal.chain", members="\n".join(lines)))]


def _tender_value(deal: Deal, key: str, inference: TenderInference | None, locale: str) -> str:
    """What the deal records for a tender rule, or what history suggests, marked as inferred."""
    if key == "award_method" and deal.award_method:
        return _maybe(locale, f"method.{deal.award_method}", deal.award_method)
    if key == "award_rule" and deal.award_rule:
        return _maybe(locale, f"rule.{deal.award_rule}", deal.award_rule)
    if key == "evaluation_criteria" and deal.evaluation_criteria:
        return _join(locale, (" ".join(str(v) for v in (c.get("item"), c.get("weight")) if v is not None)
                              for c in deal.evaluation_criteria))
    guess = _inferred_rules(inference, locale, only=key) if inference else ""
    return t(locale, "deal.inferred", value=guess) if guess else ""


def _inferred_rules(inference: TenderInference, locale: str, only: str | None = None) -> str:
    parts = {"award_method": inference.award_method and _maybe(locale, f"method.{inference.award_method}",
                                                                inference.award_method),
             "award_rule": inference.award_rule and _maybe(locale, f"rule.{inference.award_rule}", inference.award_rule),
             "evaluation_criteria": None if inference.technical_weight is None
             else t(locale, "deal.technical", weight=f"{inference.technical_weight:g}")}
    return _join(locale, (v for k, v in parts.items() if v and (only is None or k == only)))


def _point_line(point: ControlPoint, value: str, locale: str) -> str:
    parts = [t(locale, "deal.labelled", label=t(locale, f"point.{point.key}"), value=t(locale, f"state.{point.state}")),
             value,
             f"“{point.evidence}”" if point.evidence else "", point.on.isoformat() if point.on else ""]
    return "• " + " · ".join(p for p in parts if p)


def _points(view: DealCard, locale: str) -> list[Block]:
    by_key = {p.key: p for p in view.points}
    lines = [t(locale, "deal.points"), t(locale, "deal.before_tender")]
    lines += [_point_line(by_key[k], "", locale) for k in BEFORE_TENDER]
    lines.append(t(locale, "deal.in_tender"))
    lines += [_point_line(by_key[k], _tender_value(view.deal, k, view.inference, locale), locale) for k in IN_TENDER]
    if view.inference is not None:
        account = view.account.name if view.account else ""
        lines.append(t(locale, "deal.inference", n=view.inference.count, account=account,
                       rules=_inferred_rules(view.inference, locale) or "—"))
    return [_section("\n".join(lines))]


def reason_text(reason: Reason, locale: str) -> str:
    """One health reason in words."""
    code = "decision_maker_never" if reason.code == "decision_maker_overdue" and reason.days is None else reason.code
    items = _join(locale, (_maybe(locale, f"point.{i}", _maybe(locale, f"role.{i}", i)) for i in reason.items))
    return t(locale, f"health.{code}", items=items, n=len(reason.items), days=reason.days)


def _health(health: DealHealth, locale: str) -> list[Block]:
    colour = f"{HEALTH_MARK[health.colour]} {t(locale, f'health.colour.{health.colour}')}"
    reasons = "\n".join(f"• {reason_text(r, locale)}" for r in health.reasons)
    return [_section(t(locale, "deal.health", colour=colour, reasons=reasons))]


def _next(view: DealCard, locale: str) -> list[Block]:
    meetings = "\n".join("• " + " · ".join(x for x in (
        f"{m.on.isoformat()} {m.at or ''}".strip(), m.topic or "",
        t(locale, "deal.with", names=_join(locale, (view.people[c].name for c in m.contact_ids if c in view.people)))
        if m.contact_ids else "") if x) for m in view.meetings)
    requests = "\n".join("• " + " · ".join(x for x in (
        _maybe(locale, f"request.{r.type}", r.type), _maybe(locale, f"deal.request.{r.state}", r.state),
        t(locale, "deal.needed_by", date=r.needed_by.isoformat()) if r.needed_by else "") if x) for r in view.requests)
    return [_section(t(locale, "deal.meetings", meetings=meetings or t(locale, "deal.none"))),
            _section(t(locale, "deal.requests", requests=requests or t(locale, "deal.none")))]


def factor_text(factor: Factor, locale: str) -> str:
    """One factor in words: "award method = open tender: +12 pts"."""
    label = _maybe(locale, f"score.field.{factor.field}",
                   _maybe(locale, f"point.{factor.field}", factor.field.replace("_", " ")))
    prefix = FACTOR_VALUES.get(factor.field)
    value = _maybe(locale, f"score.value.{factor.value}", factor.value)
    value = _maybe(locale, f"{prefix}.{factor.value}", value) if prefix else value
    return t(locale, "score.factor", field=label, value=value, points=f"{factor.points:+.0f}")


def score_blocks(score: ScoreView | None, locale: str) -> list[Block]:
    """The win probability, whether it is only the workspace's win rate, and the factors behind it."""
    if score is None:
        return []
    lines = [t(locale, "score.probability", percent=f"{100 * score.probability:.0f}")]
    if score.is_prior:
        lines.append(t(locale, "score.prior"))
    lines += [f"• {factor_text(f, locale)}" for f in score.factors]
    return [_section("\n".join(lines))]


def _actions(view: DealCard, locale: str) -> ActionsBlock:
    """The row under the card: Edit deal, and Request presales for this deal."""
    row = edit_deal_actions(view.deal, locale)
    row.elements.append(request_button(view.deal.id, locale))
    return row


def deal_card_blocks(view: DealCard, locale: str) -> list[dict[str, Any]]:
    """Blocks for `/rapport deal <name>`, ending with its Edit deal button."""
    account = view.account.name if view.account else ""
    blocks: list[Block] = [HeaderBlock(text=view.deal.name[:150]), *_facts(view.deal, account, locale, view.custom),
                           *score_blocks(view.score, locale), *_health(view.health, locale), DividerBlock(),
                           *_chain(view, locale), *role_pitch_blocks(view.pitches, view.deal.id, locale),
                           *_points(view, locale), DividerBlock(), *_next(view, locale), _actions(view, locale)]
    return [b.to_dict() for b in blocks]
