"""How good win probabilities are: AUC (does it rank wins above losses) and Brier (are they honest)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def auc(won: Sequence[bool], probability: Sequence[float]) -> float | None:
    """Chance a random win is scored above a random loss (ties count half); None without both."""
    y = np.asarray(won, dtype=bool)
    p = np.asarray(probability, dtype=float)
    wins, losses = int(y.sum()), int((~y).sum())
    if wins == 0 or losses == 0:
        return None
    order = np.argsort(p, kind="mergesort")
    ranks = np.empty(len(p))
    sorted_p = p[order]
    # Tied probabilities share their average rank, so a constant score is exactly 0.5.
    starts = np.r_[0, np.flatnonzero(np.diff(sorted_p)) + 1]
    ends = np.r_[starts[1:], len(p)]
    for s, e in zip(starts, ends, strict=True):
        ranks[order[s:e]] = (s + e + 1) / 2
    return float((ranks[y].sum() - wins * (wins + 1) / 2) / (wins * losses))


def brier(won: Sequence[bool], probability: Sequence[float]) -> float:
    """Mean squared gap between the probability and what happened (0 is perfect, 0.25 a coin)."""
    y = np.asarray(won, dtype=float)
    return float(np.mean((np.asarray(probability, dtype=float) - y) ** 2))
