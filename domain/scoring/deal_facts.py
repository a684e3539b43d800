"""A deal as the score reads it: facts known before the outcome, in buckets a manager reads.

The stage is left out (a closed deal's stage is its outcome). Past wins at the account count only
the account's deals that closed before this one, so a closed deal never learns from its own outcome.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from domain.entities import ControlPoint, Deal
from domain.graph.chain import DECISION_MAKER, ROLES, DecisionChain

FIELDS = ("industry", "account_wins", "amount", "award_method", "award_rule", "points_secured", "chain_coverage",
          "decision_maker")
MISSING = "missing"


@dataclass(frozen=True)
class ScoringRecord:
    """One deal's outcome, amount and bucketed facts, as scoring's Deal reads them."""

    outcome: str
    amount: Decimal | None
    attributes: Mapping[str, str]
    created_on: date | None = None


def scoring_record(deal: Deal, *, industry: str | None, custom: Mapping[str, Any], past_wins: int | None,
                   points: Sequence[ControlPoint], chain: DecisionChain) -> ScoringRecord:
    """The deal's facts known before the outcome, with its custom attributes."""
    facts = {"industry": industry or "", "account_wins": "" if past_wins is None else wins_bucket(past_wins),
             "award_method": deal.award_method or "", "award_rule": deal.award_rule or "",
             "points_secured": points_bucket(sum(p.state == "secured" for p in points)),
             "chain_coverage": coverage_bucket(chain), "decision_maker": decision_maker_stance(chain)}
    extra = {str(k): str(v).strip() for k, v in custom.items() if k not in FIELDS and v is not None}
    amount = None if deal.amount is None else Decimal(str(deal.amount))
    return ScoringRecord(deal.outcome or "", amount, {**extra, **facts})


def score_fields(records: Iterable[ScoringRecord]) -> list[str]:
    """The standard facts, then every custom attribute seen in the history."""
    custom = dict.fromkeys(k for r in records for k in r.attributes if k not in FIELDS)
    return [*FIELDS, *custom]


def past_wins(closed: Iterable[Deal]) -> dict[int, int]:
    """For each closed deal at an account, the wins the account gave us before it closed."""
    seen: Counter[int] = Counter()
    before: dict[int, int] = {}
    for deal in sorted(closed, key=lambda d: (d.close_on or date.max, d.id)):
        if deal.account_id is not None:
            before[deal.id] = seen[deal.account_id]
            seen[deal.account_id] += deal.outcome == "won"
    return before


def wins_bucket(wins: int) -> str:
    """0, 1 or 2+ past wins."""
    return "2+" if wins >= 2 else str(wins)


def points_bucket(secured: int) -> str:
    """How many of the six control points are secured: 0, 1–2, 3–4, 5–6."""
    return "0" if secured == 0 else f"{2 * ((secured + 1) // 2) - 1}–{2 * ((secured + 1) // 2)}"


def coverage_bucket(chain: DecisionChain) -> str:
    """Roles identified out of those the method expects: 0–2/7, 3–4/7, 5–7/7."""
    return coverage_label(len(ROLES) - len(chain.missing_roles()))


def coverage_label(filled: int) -> str:
    """The bucket of a chain that fills this many of the method's roles."""
    n = len(ROLES)
    return f"0–2/{n}" if filled <= 2 else f"3–4/{n}" if filled <= 4 else f"5–{n}/{n}"


def decision_maker_stance(chain: DecisionChain) -> str:
    """The decision maker's stance, or "missing" when nobody holds the role."""
    holders = chain.holding(DECISION_MAKER)
    return holders[0].stance if holders else MISSING
