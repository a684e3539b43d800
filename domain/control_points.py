"""The six control points of a deal, and the tender rules an account's history suggests when they are unknown.

Before the tender we want the customer's exchange time, a say in the budget and a hand in the RFP;
in the tender we want to know the award method, the evaluation criteria and the award rule. A point
is as the confirmed logs left it (unknown / secured / at_risk / lost); a tender fact recorded on the
deal with no assessment of its own counts as secured, because knowing it is the point.

When the deal's award method, award rule or criteria are unknown, the account's closed deals say how
it usually buys: the most common method and rule (the most recent wins a tie) and the median weight
of the technical criterion, over every closed deal that recorded any of them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from statistics import median

from domain.entities import ControlPoint, Deal
from domain.pipeline import is_open

BEFORE_TENDER = ("exchange_time", "budget_input", "rfp_input")
IN_TENDER = ("award_method", "evaluation_criteria", "award_rule")
POINT_KEYS = BEFORE_TENDER + IN_TENDER
TECHNICAL_WORDS = ("技术", "technical", "tech")


def known_tender_facts(deal: Deal) -> dict[str, bool]:
    """Which of the deal's tender rules are on record, by control-point key."""
    return {"award_method": deal.award_method is not None, "evaluation_criteria": bool(deal.evaluation_criteria),
            "award_rule": deal.award_rule is not None}


def six_points(deal: Deal, recorded: Mapping[str, ControlPoint]) -> tuple[ControlPoint, ...]:
    """The deal's six control points in the method's order, filling in what its tender facts secure."""
    known = known_tender_facts(deal)
    return tuple(recorded.get(key) or ControlPoint(key, "secured" if known.get(key) else "unknown")
                 for key in POINT_KEYS)


@dataclass(frozen=True)
class TenderInference:
    """How the account tendered its past projects: how many, the usual method and rule, the technical weight."""

    count: int
    award_method: str | None = None
    award_rule: str | None = None
    technical_weight: float | None = None


def technical_weight(deal: Deal) -> float | None:
    """The weight of the deal's technical criterion, if its criteria name one."""
    for criterion in deal.evaluation_criteria:
        item = str(criterion.get("item", "")).casefold()
        if any(word in item for word in TECHNICAL_WORDS) and criterion.get("weight") is not None:
            return float(criterion["weight"])
    return None


def infer_tender_rules(past_deals: Iterable[Deal]) -> TenderInference | None:
    """The account's usual tender rules from its closed deals, most recent first; None with no such history."""
    past = sorted((d for d in past_deals if not is_open(d) and any(known_tender_facts(d).values())),
                  key=lambda d: (d.close_on or date.min, d.id), reverse=True)
    if not past:
        return None
    weights = [w for w in (technical_weight(d) for d in past) if w is not None]
    return TenderInference(len(past), _most_common(d.award_method for d in past),
                           _most_common(d.award_rule for d in past), median(weights) if weights else None)


def _most_common(values: Iterable[str | None]) -> str | None:
    counts = Counter(v for v in values if v)
    return counts.most_common(1)[0][0] if counts else None
