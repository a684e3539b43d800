"""The deal card's win probability, learnt from the workspace's closed deals, and the factors behind it.

Fitting reads at most HISTORY_LIMIT closed deals (one query, with their control points and chains
in one query each) and takes about a second at 2,000, so the fitted Scorer is kept in the process
for a few workspaces, under the stamp of the history it learnt from (storage/scoring_generation.py).
Any change to a closed deal, its control points, its chain or its account's industry commits a new
stamp with it, so the next deal card or `/rapport focus` refits; until then they reuse the model.
The stamp is read before the history, in the same transaction, so a model is never filed under a
stamp newer than what it learnt; one fitted in a transaction that changed the history itself is
not kept at all.
"""

from __future__ import annotations

import threading
from collections import Counter, OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from domain.control_points import six_points
from domain.entities import ControlPoint, Deal
from domain.graph.chain import DecisionChain
from domain.scoring import Factor, Model, fit
from domain.scoring.deal_facts import ScoringRecord, past_wins, score_fields, scoring_record
from storage.uow import UnitOfWork

HISTORY_LIMIT = 2000  # the latest closed deals; fitting 2,000 with twenty custom attributes takes about a second
TOP_FACTORS = 3
CACHED_WORKSPACES = 8  # a model is a few hundred weights and 2,000 past-win counts: well under a megabyte


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

    def record(self, deal: Deal, *, industry: str | None, custom: Mapping[str, Any], chain: DecisionChain,
               points: tuple[ControlPoint, ...]) -> ScoringRecord:
        """The deal's facts as the model reads them, with its account's wins as the history counted them."""
        wins = None if deal.account_id is None else self.past_wins.get(
            deal.id, self.account_wins.get(deal.account_id, 0))
        return scoring_record(deal, industry=industry, custom=custom, past_wins=wins, points=points, chain=chain)

    def score(self, deal: Deal, *, industry: str | None, custom: Mapping[str, Any], chain: DecisionChain,
              points: tuple[ControlPoint, ...]) -> ScoreView:
        """The deal's win probability, with the three factors that move it most."""
        mine = self.record(deal, industry=industry, custom=custom, chain=chain, points=points)
        model = self.model
        return ScoreView(model.probability(mine), model.is_prior, tuple(model.top_factors(mine, TOP_FACTORS)))


def deal_facts(uow: UnitOfWork, deals: Sequence[Deal]) -> dict[int, tuple[tuple[ControlPoint, ...], DecisionChain]]:
    """Each deal's six control points and decision chain, read for all the deals in two queries."""
    ids = [d.id for d in deals]
    recorded, chains = uow.control_points.of_deals(ids), uow.chain_members.of_deals(ids)
    return {d.id: (tuple(six_points(d, recorded.get(d.id, {}))), DecisionChain(d, tuple(chains.get(d.id, ()))))
            for d in deals}


class ScorerCache:
    """The latest fitted Scorer of the few workspaces most recently asked about, each with its history's stamp."""

    def __init__(self, size: int = CACHED_WORKSPACES) -> None:
        self._size, self._lock = size, threading.Lock()
        self._latest: OrderedDict[str, tuple[str, Scorer]] = OrderedDict()
        self.fits = 0  # how many models were fitted through this cache, for tests and the bench

    def scorer(self, workspace_id: str, stamp: str | None, fit: Callable[[], Scorer]) -> Scorer:
        """The model kept for exactly this stamp of the workspace's history, else `fit()` kept under it.

        Fitting runs outside the lock: other workspaces are not held up by a second's work."""
        kept = None if stamp is None else self._get(workspace_id, stamp)
        if kept is not None:
            return kept
        scorer = fit()
        with self._lock:
            self.fits += 1
            if stamp is not None:
                self._latest[workspace_id] = (stamp, scorer)
                self._latest.move_to_end(workspace_id)
                while len(self._latest) > self._size:
                    self._latest.popitem(last=False)
        return scorer

    def _get(self, workspace_id: str, stamp: str) -> Scorer | None:
        with self._lock:
            kept = self._latest.get(workspace_id)
            if kept is None or kept[0] != stamp:
                return None
            self._latest.move_to_end(workspace_id)
            return kept[1]


SCORERS = ScorerCache()


def workspace_scorer(uow: UnitOfWork, cache: ScorerCache = SCORERS) -> Scorer:
    """The model for the workspace's closed deals as they stand: kept from an earlier request, or fitted now."""
    stamp = uow.scoring.current()  # before the history: see above
    return cache.scorer(uow.workspace_id, stamp, lambda: fit_scorer(uow))


def fit_scorer(uow: UnitOfWork) -> Scorer:
    """Fit the model on the latest closed deals (or fall back to the win rate when they are too few)."""
    history = uow.deals.closed_history(HISTORY_LIMIT)
    closed = [d for d, _, _ in history]
    facts, before = deal_facts(uow, closed), past_wins(closed)
    records = [scoring_record(d, industry=ind, custom=custom, past_wins=before.get(d.id), points=facts[d.id][0],
                              chain=facts[d.id][1]) for d, ind, custom in history]
    wins = Counter(d.account_id for d in closed if d.account_id is not None and d.outcome == "won")
    return Scorer(fit(records, score_fields(records)), before, wins)


def deal_score(*, uow: UnitOfWork, deal: Deal, industry: str | None, chain: DecisionChain,
               points: tuple[ControlPoint, ...], custom: Mapping[str, Any] | None = None) -> ScoreView:
    """The deal's win probability from what closed deals say, with the three factors that move it most."""
    custom = uow.deals.custom_of(deal.id) if custom is None else custom  # the card passes what it already read
    return workspace_scorer(uow).score(deal, industry=industry, custom=custom, chain=chain, points=points)
