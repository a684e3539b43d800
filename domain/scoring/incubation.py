"""Which open deals deserve a rep's time: expected value now = probability × amount × timing.

timing = 0.5 ** (days until the expected close / 90): a deal closing today weighs 1, in three
months ½, in six months ¼ — money that lands sooner is worth working first. A deal past its
expected close date weighs 1 (it needs attention now); one with no date weighs ½ (as if a
quarter away). A deal without an amount scores 0: it cannot be weighed until someone sizes it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Generic, Protocol, TypeVar

import numpy as np

HALF_LIFE_DAYS = 90


class Sized(Protocol):
    """An open deal as the ranking reads it; closed_on is the expected close date."""

    @property
    def amount(self) -> Decimal | None: ...
    @property
    def closed_on(self) -> date | None: ...


D = TypeVar("D", bound=Sized)


@dataclass(frozen=True)
class Ranked(Generic[D]):
    """A deal with its probability, timing weight and incubation score."""

    deal: D
    probability: float
    timing: float
    score: float


def timing(close_on: date | None, today: date) -> float:
    """How much sooner money weighs: 1 when due now or overdue, halving every 90 days."""
    if close_on is None:
        return 0.5
    return 0.5 ** (max(0, (close_on - today).days) / HALF_LIFE_DAYS)


def incubation_rank(deals_with_probability: Iterable[tuple[D, float]], today: date) -> list[Ranked[D]]:
    """The deals, best worth the time first."""
    pairs = list(deals_with_probability)
    best = incubation_top([p for _, p in pairs], [d.amount for d, _ in pairs], [d.closed_on for d, _ in pairs],
                          today, len(pairs))
    return [Ranked(pairs[i][0], pairs[i][1], weight, score) for i, weight, score in best]


def incubation_top(probabilities: Sequence[float], amounts: Sequence[Decimal | float | None],
                   closes: Sequence[date | None], today: date, top: int) -> list[tuple[int, float, float]]:
    """The positions of the `top` deals best worth the time, best first (ties as they came), each with its
    timing weight and score: a team's thousands scored at once, the rest never ranked one by one."""
    weight_of = {close: timing(close, today) for close in set(closes)}  # a few hundred dates among thousands
    weights = np.array([weight_of[close] for close in closes], dtype=float)
    sizes = np.array([float(a or 0) for a in amounts], dtype=float)
    scores = np.asarray(probabilities, dtype=float) * sizes * weights
    best = np.argsort(-scores, kind="stable")[:top].tolist()
    return [(i, float(weights[i]), float(scores[i])) for i in best]
