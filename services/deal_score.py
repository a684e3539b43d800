"""The deal card's win probability, learnt from the workspace's closed deals, and the factors behind it.

Nothing is cached: each request reads at most HISTORY_LIMIT closed deals (one query, with their
control points and chains in one query each) and fits the model afresh — once, however many deals
it then scores (the deal card scores one, `/rapport focus` all the caller's open deals).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from domain.control_points import six_points
from domain.entities import ControlPoint, Deal
from domain.graph.chain import DecisionChain
from domain.scoring import Factor, Model, fit
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


@dataclass(frozen=True)
class Scorer:
    """The model fitted once on the workspace's closed deals, and the account wins it learnt from."""

    model: Model
    past_wins: Mapping[int, int]  # per closed deal, the account's wins before it closed
    account_wins: Mapping[int, int]  # per account, its wins among the closed deals read

    def score(self, deal: Deal, *, industry: str | None, custom: Mapping[str, Any], chain: DecisionChain,
              points: tuple[ControlPoint, ...]) -> ScoreView:
        """The deal's win probability, with the three factors that move it most."""
        wins = None if deal.account_id is None else self.past_wins.get(
            deal.id, self.account_wins.get(deal.account_id, 0))
        mine = scoring_record(deal, industry=industry, custom=custom, past_wins=wins, points=points, chain=chain)
        model = self.model
        return ScoreView(model.probability(mine), model.is_prior, tuple(model.top_factors(mine, TOP_FACTORS)))


def deal_facts(uow: UnitOfWork, deals: Sequence[Deal]) -> dict[int, tuple[tuple[ControlPoint, ...], DecisionChain]]:
    """Each deal's six control points and decision chain, read for all the deals in two queries."""
    ids = [d.id for d in deals]
    recorded, chains = uow.control_points.of_deals(ids), uow.chain_members.of_deals(ids)
    return {d.id: (tuple(six_points(d, recorded.get(d.id, {}))), DecisionChain(d, tuple(chains.get(d.id, ()))))
            for d in deals}


def workspace_scorer(uow: UnitOfWork) -> Scorer:
    """Fit the model on the latest closed deals (or fall back to the win rate when they are too few)."""
    history = uow.deals.closed_history(HISTORY_LIMIT)
    closed = [d for d, _, _ in history]
    facts, before = deal_facts(uow, closed), past_wins(closed)
    records = [scoring_record(d, industry=ind, custom=custom, past_wins=before.get(d.id), points=facts[d.id][0],
                              chain=facts[d.id][1]) for d, ind, custom in history]
    wins = Counter(d.account_id for d in closed if d.account_id is not None and d.outcome == "won")
    return Scorer(fit(records, score_fields(records)), before, wins)


def deal_score(*, uow: UnitOfWork, deal: Deal, industry: str | None, chain: DecisionChain,
               points: tuple[ControlPoint, ...]) -> ScoreView:
    """The deal's win probability from what closed deals say, with the three factors that move it most."""
    return workspace_scorer(uow).score(deal, industry=industry, custom=uow.deals.custom_of(deal.id), chain=chain,
                                       points=points)
