"""A win probability per open deal, learnt from closed deals, and the factors behind it in words.

Odoo's predictive lead scoring counts wins and losses per field value and multiplies the smoothed
ratios (naive Bayes): with twenty correlated fields it counts the same evidence many times and its
probabilities run to 0 and 1. Here the same one-hot field values feed an L2-regularised logistic
model whose strength is cross-validated (see logistic.py), so probabilities are calibrated and a
history without signal gives the win rate. With fewer than MIN_HISTORY closed deals, or only wins
or only losses, the model is the prior (wins + 1) / (closed + 2): 0.5 with no history, near the
win rate after a few.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from domain.scoring.features import Deal, Encoder, build_encoder, candidate_fields, select_fields
from domain.scoring.logistic import choose_lambda, newton, sigmoid

MIN_HISTORY = 10
_LABELS = {"created_on": "created in", "amount": "size"}


@dataclass(frozen=True)
class Factor:
    """One field value and how many percentage points it moves this deal's win probability."""

    field: str
    value: str
    points: float

    @property
    def words(self) -> str:
        """e.g. "award method = comprehensive score: +12 pts"."""
        label = _LABELS.get(self.field, self.field.replace("_", " "))
        return f"{label} = {self.value}: {self.points:+.0f} pts"


@dataclass(frozen=True)
class Model:
    """What history says: a base log-odds, a weight per field value, and what was left out and why."""

    intercept: float
    weights: Mapping[tuple[str, str], float]
    encoder: Encoder
    closed: int
    l2: float | None = None
    dropped: Mapping[str, str] = field(default_factory=dict)

    @property
    def is_prior(self) -> bool:
        """True when history was too thin or too one-sided to learn from fields."""
        return not self.weights

    def probability(self, deal: Deal) -> float:
        """The deal's win probability, 0–1."""
        z = self.intercept + sum(self.weights.get(c, 0.0) for c in self.encoder.active(deal))
        return float(sigmoid(np.array(z)))

    def top_factors(self, deal: Deal, k: int = 3) -> list[Factor]:
        """The k field values that move this deal's probability most, up or down (1 point or more)."""
        active = self.encoder.active(deal)
        z = self.intercept + sum(self.weights.get(c, 0.0) for c in active)
        p = float(sigmoid(np.array(z)))
        factors = [Factor(f, v, 100 * (p - float(sigmoid(np.array(z - self.weights[(f, v)])))))
                   for f, v in active if (f, v) in self.weights]
        factors = [f for f in factors if abs(f.points) >= 0.5]
        return sorted(factors, key=lambda f: -abs(f.points))[:k]

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        """The win probabilities of many deals at once, from their one-hot rows (the encoder's columns)."""
        weights = np.array([self.weights.get(c, 0.0) for c in self.encoder.columns])
        return sigmoid(self.intercept + x @ weights)

    def features(self, deals: Sequence[Deal]) -> np.ndarray:
        """The one-hot matrix the model learns from, for a baseline to learn from the same."""
        return self.encoder.matrix(deals)


def prior(wins: int, closed: int, dropped: Mapping[str, str] | None = None) -> Model:
    """The win rate, pulled toward 0.5 when there are few closed deals."""
    # Laplace's rule also when every deal went one way: a rate of exactly 0 or 1 has no log-odds.
    rate = wins / closed if closed >= MIN_HISTORY and 0 < wins < closed else (wins + 1) / (closed + 2)
    return Model(float(np.log(rate / (1 - rate))), {}, Encoder((), ()), closed, dropped=dropped or {})


def fit(records: Iterable[Deal], fields: Iterable[str] | None = None) -> Model:
    """Learn from the closed deals among records (open ones are ignored); fields default to all known."""
    closed = [r for r in records if r.outcome in ("won", "lost")]
    wins = sum(r.outcome == "won" for r in closed)
    if len(closed) < MIN_HISTORY or wins in (0, len(closed)):
        return prior(wins, len(closed))
    kept, dropped = select_fields(closed, candidate_fields(closed) if fields is None else fields)
    encoder = build_encoder(closed, kept)
    if not encoder.columns:
        return prior(wins, len(closed), dropped)
    x = encoder.matrix(closed)
    y = np.array([r.outcome == "won" for r in closed], dtype=float)
    lam = choose_lambda(x, y)
    w = newton(x, y, lam)
    weights = {c: float(v) for c, v in zip(encoder.columns, w[1:], strict=True)}
    return Model(float(w[0]), weights, encoder, len(closed), lam, dropped)
