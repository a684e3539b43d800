"""Manager summaries: the pipeline by stage with health and the week, and an account's past projects."""

from __future__ import annotations

from slack_sdk.models.blocks import Block, ContextBlock, HeaderBlock, MarkdownTextObject, SectionBlock

from domain.entities import Deal
from domain.pipeline import STAGE_PROBABILITY, PipelineDeal, StageLine
from handlers.blocks.deal_card import HEALTH_MARK, _join, _maybe, money_text, reason_text
from prompts import t
from services.history import AccountHistory, PastProject
from services.pipeline import AtRisk, PipelineView


def _money(totals: tuple[tuple[str, float], ...], locale: str) -> str:
    return _join(locale, (f"{amount:,.0f} {currency}".strip() for currency, amount in totals)) or "—"


def _stage(line: StageLine, locale: str) -> str:
    return t(locale, "pipeline.stage", stage=_maybe(locale, f"deal.stage.{line.stage}", line.stage),
             count=line.count, amount=_money(line.amounts, locale), weighted=_money(line.weighted, locale))


def pipeline_blocks(view: PipelineView, locale: str) -> list[dict]:
    """The pipeline: one line per stage, the health counts and the deals needing attention, the last seven days."""
    title = t(locale, f"pipeline.title.{view.scope}", rep=f"<@{view.rep_slack_id}>")
    stages = "\n".join(_stage(line, locale) for line in view.stages) or t(locale, "pipeline.empty")
    health = " · ".join(f"{HEALTH_MARK[c]} {n}" for c, n in view.health.items())
    c = view.changes
    week = t(locale, "pipeline.week", created=c.created, stages=c.stage_changes, points=c.points_changed,
             won=c.won, lost=c.lost)
    odds = _join(locale, (f"{_maybe(locale, f'deal.stage.{s}', s)} {p:.0%}" for s, p in STAGE_PROBABILITY.items()))
    blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(text=f"*{title}*\n{stages}")),
                           SectionBlock(text=MarkdownTextObject(text=t(locale, "pipeline.health", counts=health))),
                           *_at_risk(view.at_risk, locale), *_shared(view, locale),
                           SectionBlock(text=MarkdownTextObject(text=week)),
                           ContextBlock(elements=[MarkdownTextObject(text=t(locale, "pipeline.weighting", odds=odds))])]
    return [b.to_dict() for b in blocks]


def _at_risk(deals: tuple[AtRisk, ...], locale: str) -> list[Block]:
    """The red, then amber deals the manager should look at, each with its reasons, worst first."""
    if not deals:
        return []
    lines = [t(locale, "pipeline.at_risk"), *(_flagged(a, locale) for a in deals)]
    return [SectionBlock(text=MarkdownTextObject(text="\n".join(lines)[:3000]))]


def _flagged(a: AtRisk, locale: str) -> str:
    said = [r for r in a.health.reasons if r.code != "pitch_unknown"]  # a note on the card, not a reason
    return t(locale, "pipeline.at_risk.deal", mark=HEALTH_MARK[a.health.colour], deal=a.deal.name,
             shared=t(locale, "pipeline.shared.mark") if a.shared else "", owner=_owner(a.deal),
             stage=_maybe(locale, f"deal.stage.{a.deal.stage}", a.deal.stage),
             reasons=("；" if locale.startswith("zh") else "; ").join(reason_text(r, locale) for r in said))


def _owner(deal: PipelineDeal) -> str:
    return f"<@{deal.owner_slack_id}>" if deal.owner_slack_id else "—"


def _shared(view: PipelineView, locale: str) -> list[Block]:
    """How many of the deals counted are shared (owned by someone else), a few named and marked."""
    if not view.shared_count:
        return []
    whom = f"<@{view.rep_slack_id}>" if view.scope == "rep" else t(locale, f"pipeline.whom.{view.scope}")
    lines = [t(locale, "pipeline.shared", count=view.shared_count, whom=whom)]
    lines += [t(locale, "pipeline.shared.deal", deal=d.name, owner=_owner(d),
                stage=_maybe(locale, f"deal.stage.{d.stage}", d.stage), amount=_price(d.amount, d.currency, locale))
              for d in view.shared]
    if view.shared_count > len(view.shared):
        lines.append(t(locale, "pipeline.shared.more", count=view.shared_count - len(view.shared)))
    return [SectionBlock(text=MarkdownTextObject(text="\n".join(lines)[:3000]))]


def _tender(deal: Deal, locale: str) -> str:
    unknown = t(locale, "history.unknown")
    method = _maybe(locale, f"method.{deal.award_method}", deal.award_method) if deal.award_method else unknown
    rule = _maybe(locale, f"rule.{deal.award_rule}", deal.award_rule) if deal.award_rule else unknown
    criteria = _join(locale, (" ".join(str(v) for v in (c.get("item"), c.get("weight")) if v is not None)
                              for c in deal.evaluation_criteria)) or unknown
    return t(locale, "history.tender", method=method, criteria=criteria, rule=rule)


def _price(amount: float | None, currency: str | None, locale: str) -> str:
    return money_text(amount, currency) or t(locale, "history.unknown")


def _result(p: PastProject, locale: str) -> str:
    """Who won and at what price; when someone else won, our own amount beside it, never in its place."""
    d = p.deal
    winner = d.winner or t(locale, "history.we" if p.we_won else "history.unknown")
    line = t(locale, "history.result", winner=winner, price=_price(p.price, d.currency, locale))
    if p.we_won or d.amount is None:
        return line
    return line + " · " + t(locale, "history.our_amount", amount=_price(d.amount, d.currency, locale))


def _project(p: PastProject, locale: str) -> str:
    d = p.deal
    outcome = _maybe(locale, f"history.outcome.{d.outcome}", d.outcome or _maybe(locale, f"deal.stage.{d.stage}", d.stage))
    chain = _join(locale, (f"{t(locale, f'role.{role}')} {name}" for role, name in p.chain)) or t(locale, "history.unknown")
    lines = [f"*{d.name}* · {outcome}" + (f" · {d.close_on.isoformat()}" if d.close_on else ""),
             t(locale, "history.chain", members=chain), _tender(d, locale), _result(p, locale)]
    return "\n".join(lines + ([f"_{d.outcome_reason}_"] if d.outcome_reason else []))


def history_blocks(view: AccountHistory, locale: str) -> list[dict]:
    """The account's closed deals, newest first: chain, tender, winner and price, and why."""
    blocks: list[Block] = [HeaderBlock(text=t(locale, "history.title", account=view.account.name)[:150])]
    blocks += [SectionBlock(text=MarkdownTextObject(text=_project(p, locale)[:3000])) for p in view.projects]
    if not view.projects:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=t(locale, "history.empty"))))
    return [b.to_dict() for b in blocks]
