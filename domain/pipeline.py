"""A pipeline: open deals by stage with count, amount and weighted amount per currency, health, and the week.

The weighted amount is amount × the stage's win probability from STAGE_PROBABILITY below, not the
learnt score of services/deal_score.py: that fits a model on up to 2,000 closed deals per call
(about a second), too slow to weigh a team's 10,000 deals on every `/rapport pipeline`. Amounts
are summed per currency and never converted: CNY and USD stay on separate lines.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from heapq import nsmallest
from typing import NamedTuple, Protocol, TypeVar

from domain.entities import AuditEntry

STAGES = ("discovery", "qualification", "proposal", "tender", "negotiation")
STAGE_PROBABILITY = {"discovery": 0.1, "qualification": 0.2, "proposal": 0.4, "tender": 0.6, "negotiation": 0.8}
OTHER_STAGE_PROBABILITY = 0.1  # a stage of an import's own wording, not one of STAGES
WON, LOST = ("won", "closed_won"), ("lost", "closed_lost")
COLOUR_ORDER = ("red", "amber", "green")


class Staged(Protocol):
    """A deal as far as grouping by stage goes: a Deal, or a PipelineDeal read as a row."""

    @property
    def stage(self) -> str: ...
    @property
    def amount(self) -> float | None: ...
    @property
    def currency(self) -> str | None: ...
    @property
    def outcome(self) -> str | None: ...


S = TypeVar("S", bound=Staged)


class PipelineDeal(NamedTuple):
    """An open deal as the pipeline reads it for thousands at once: enough to group, weigh and name it, which
    of its tender facts (award method, criteria, rule) are on record and which roles its chain holds."""

    id: int
    name: str
    owner_slack_id: str | None
    stage: str
    amount: float | None
    currency: str | None
    tender_known: frozenset[str] = frozenset()
    roles: frozenset[str] = frozenset()
    outcome: str | None = None


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


def is_open(deal: Staged) -> bool:
    """Still in play: no outcome and not in a closed stage."""
    return deal.outcome is None and not deal.stage.startswith("closed")


def weight(deal: Staged) -> float:
    """The deal's win probability by its stage (STAGE_PROBABILITY)."""
    return STAGE_PROBABILITY.get(deal.stage, OTHER_STAGE_PROBABILITY)


def by_stage(deals: Iterable[Staged]) -> tuple[StageLine, ...]:
    """Open deals grouped by stage, in the order of STAGES, then any other stage by name."""
    counts: dict[str, int] = {}
    amounts: dict[str, dict[str, float]] = {}
    weighted: dict[str, dict[str, float]] = {}
    for d in deals:  # one pass: a team's pipeline is ten thousand deals
        if not is_open(d):
            continue
        counts[d.stage] = counts.get(d.stage, 0) + 1
        if d.amount is not None:
            currency, per_stage = d.currency or "", amounts.setdefault(d.stage, {})
            per_stage[currency] = per_stage.get(currency, 0.0) + d.amount
            per_stage = weighted.setdefault(d.stage, {})
            per_stage[currency] = per_stage.get(currency, 0.0) + d.amount * weight(d)
    return tuple(StageLine(s, counts[s], _largest_first(amounts.get(s, {})), _largest_first(weighted.get(s, {})))
                 for s in _stage_order(counts))


def _largest_first(totals: dict[str, float]) -> tuple[tuple[str, float], ...]:
    return tuple(sorted(totals.items(), key=lambda item: -item[1]))


def _stage_order(stages: Iterable[str]) -> list[str]:
    """STAGES in their order, then any other stage by name."""
    present = set(stages)
    return [s for s in STAGES if s in present] + sorted(present - set(STAGES))


def stage_health(deals: Iterable[Staged], colours: Iterable[str]) -> tuple[tuple[str, dict[str, int]], ...]:
    """Open deals per stage split by health colour (deals and colours paired in order), stages ordered as by_stage."""
    counts: dict[str, dict[str, int]] = {}
    for deal, colour in zip(deals, colours, strict=True):
        if is_open(deal):
            per_stage = counts.setdefault(deal.stage, {"green": 0, "amber": 0, "red": 0})
            per_stage[colour] += 1
    return tuple((s, counts[s]) for s in _stage_order(counts))


def worst_first(deals: Sequence[S], colours: Sequence[str], limit: int) -> list[tuple[S, str]]:
    """Up to `limit` red, then amber deals with their colour: the furthest along first, then the largest amount
    (amounts compared unconverted: this only orders a short list)."""
    flagged = ((d, c) for d, c in zip(deals, colours, strict=True) if c != "green")
    return nsmallest(limit, flagged, key=lambda dc: (COLOUR_ORDER.index(dc[1]), -weight(dc[0]), -(dc[0].amount or 0.0)))


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
