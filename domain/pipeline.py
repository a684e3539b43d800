"""A pipeline: open deals by stage with count, amount and weighted amount per currency, health, and the week.

The weighted amount is amount × the stage's win probability from STAGE_PROBABILITY below, not the
learnt score of services/deal_score.py: that fits a model on up to 2,000 closed deals per call
(about a second), too slow to weigh a team's 10,000 deals on every `/rapport pipeline`. Amounts
are summed per currency and never converted: CNY and USD stay on separate lines.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from domain.entities import AuditEntry, Deal

STAGES = ("discovery", "qualification", "proposal", "tender", "negotiation")
STAGE_PROBABILITY = {"discovery": 0.1, "qualification": 0.2, "proposal": 0.4, "tender": 0.6, "negotiation": 0.8}
OTHER_STAGE_PROBABILITY = 0.1  # a stage of an import's own wording, not one of STAGES
WON, LOST = ("won", "closed_won"), ("lost", "closed_lost")


@dataclass(frozen=True)
class StageLine:
    """One stage: how many open deals, their amount and weighted amount per currency (largest first)."""

    stage: str
    count: int
    amounts: tuple[tuple[str, float], ...]
    weighted: tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class WeekChanges:
    """What the audit log says happened to the pipeline's deals in the last seven days."""

    created: int = 0
    stage_changes: int = 0
    points_changed: int = 0
    won: int = 0
    lost: int = 0


def is_open(deal: Deal) -> bool:
    """Still in play: no outcome and not in a closed stage."""
    return deal.outcome is None and not deal.stage.startswith("closed")


def weight(deal: Deal) -> float:
    """The deal's win probability by its stage (STAGE_PROBABILITY)."""
    return STAGE_PROBABILITY.get(deal.stage, OTHER_STAGE_PROBABILITY)


def by_stage(deals: Iterable[Deal]) -> tuple[StageLine, ...]:
    """Open deals grouped by stage, in the order of STAGES, then any other stage by name."""
    groups: dict[str, list[Deal]] = {}
    for deal in deals:
        if is_open(deal):
            groups.setdefault(deal.stage, []).append(deal)
    order = [s for s in STAGES if s in groups] + sorted(s for s in groups if s not in STAGES)
    return tuple(StageLine(s, len(groups[s]), _per_currency(groups[s], lambda d: 1.0),
                           _per_currency(groups[s], weight)) for s in order)


def _per_currency(deals: list[Deal], factor: Callable[[Deal], float]) -> tuple[tuple[str, float], ...]:
    totals: dict[str, float] = {}
    for d in deals:
        if d.amount is not None:
            totals[d.currency or ""] = totals.get(d.currency or "", 0.0) + d.amount * factor(d)
    return tuple(sorted(totals.items(), key=lambda item: -item[1]))


def stage_health(deals: Iterable[Deal], colours: Iterable[str]) -> tuple[tuple[str, dict[str, int]], ...]:
    """Open deals per stage split by health colour (deals and colours paired in order), stages ordered as by_stage."""
    groups: dict[str, list[str]] = {}
    for deal, colour in zip(deals, colours, strict=True):
        if is_open(deal):
            groups.setdefault(deal.stage, []).append(colour)
    order = [s for s in STAGES if s in groups] + sorted(s for s in groups if s not in STAGES)
    return tuple((s, health_counts(groups[s])) for s in order)


def health_counts(colours: Iterable[str]) -> dict[str, int]:
    """How many deals are green, amber and red."""
    counts = Counter(colours)
    return {colour: counts.get(colour, 0) for colour in ("green", "amber", "red")}


def week_changes(entries: Iterable[AuditEntry], deal_ids: frozenset[int], since: datetime) -> WeekChanges:
    """Deals created, stage changes, control points changed, won and lost since a moment, from audit entries."""
    counts: Counter[str] = Counter()
    for e in entries:
        if e.at < since or e.entity_id not in deal_ids:
            continue
        after = e.after or {}
        if e.entity == "control_point":
            counts["points_changed"] += 1
        elif e.entity == "deal" and e.action == "create":
            counts["created"] += 1
        elif e.entity == "deal" and e.action == "update":
            counts.update(_deal_update(after))
    return WeekChanges(**counts)


def _deal_update(after: dict[str, object]) -> list[str]:
    end = after.get("outcome") or after.get("stage")
    found = ["stage_changes"] if "stage" in after else []
    return found + (["won"] if end in WON else ["lost"] if end in LOST else [])
