"""The deal card's win probability, learnt from the workspace's closed deals, and the factors behind it.

Nothing is cached: each card reads at most HISTORY_LIMIT closed deals (one query, with their
control points and chains in one query each) and fits the model afresh.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.control_points import six_points
from domain.entities import ControlPoint, Deal
from domain.graph.chain import DecisionChain
from domain.scoring import Factor, fit
from domain.scoring.deal_facts import past_wins, score_fields, scoring_record
from storage.uow import UnitOfWork

HISTORY_LIMIT = 2000  # the latest closed deals; fitting 2,000 with twenty custom attributes takes about a second
TOP_FACTORS = 3


@dataclass(frozen=True)
class ScoreView:
    """The win probability (0–1), whether it is only the workspace's win rate, and what moves it most."""

    probability: float
    is_prior: bool = False
    factors: tuple[Factor, ...] = ()


def deal_score(*, uow: UnitOfWork, deal: Deal, industry: str | None, chain: DecisionChain,
               points: tuple[ControlPoint, ...]) -> ScoreView:
    """The deal's win probability from what closed deals say, with the three factors that move it most."""
    history = uow.deals.closed_history(HISTORY_LIMIT)
    closed = [d for d, _, _ in history]
    ids = [d.id for d in closed]
    recorded, chains = uow.control_points.of_deals(ids), uow.chain_members.of_deals(ids)
    before = past_wins(closed)
    records = [scoring_record(d, industry=ind, custom=custom, past_wins=before.get(d.id),
                              points=six_points(d, recorded.get(d.id, {})),
                              chain=DecisionChain(d, tuple(chains.get(d.id, ()))))
               for d, ind, custom in history]
    model = fit(records, score_fields(records))
    wins = None if deal.account_id is None else before.get(
        deal.id, sum(d.outcome == "won" for d in closed if d.account_id == deal.account_id))
    mine = scoring_record(deal, industry=industry, custom=uow.deals.custom_of(deal.id), past_wins=wins,
                          points=points, chain=chain)
    return ScoreView(model.probability(mine), model.is_prior, tuple(model.top_factors(mine, TOP_FACTORS)))
