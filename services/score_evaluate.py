"""`rapport score evaluate`: can the score be trusted on this team's own history?

The history is read into memory, not into a store: evaluating writes nothing, and a sales-ops lead
can run it on any export without a workspace. Open deals are left out. With a date, the model
learns from deals closed before it and is scored on those closed on or after it; with K folds, each
closed deal is scored once by a model trained on the other folds (stratified by outcome), the
measures are averaged over the folds (weighted by size), and `train` is the average training-set size. Two baselines run on the same split: the training win
rate for every deal, and scikit-learn's LogisticRegression with its default C=1.0 on exactly the
one-hot features the model chose.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import numpy as np

from domain.scoring import Model, auc, brier, fit
from domain.scoring.logistic import stratified_folds
from services.importing.deal_csv import DealRecord

NAMES = ("model", "win_rate", "logistic_regression")


def evaluate(deals: Sequence[DealRecord], *, closed_before: date | None = None,
             folds: int | None = None) -> tuple[dict[str, Any], list[str]]:
    """The report as one JSON-ready object, and notes for the operator (what was left out and why)."""
    closed = [d for d in deals if d.outcome in ("won", "lost")]
    if len(closed) < 2:
        raise ValueError(f"{len(closed)} closed deal(s): nothing to evaluate on (is there a stage or outcome column?)")
    notes: list[str] = []
    if closed_before is not None:
        undated = [d for d in closed if d.closed_on is None]
        if len(undated) == len(closed):
            raise ValueError("no closed deal has a close date: use --folds K")
        if undated:
            notes.append(f"{len(undated)} closed deal(s) without a close date left out")
        train = [d for d in closed if d.closed_on and d.closed_on < closed_before]
        test = [d for d in closed if d.closed_on and d.closed_on >= closed_before]
        if not train or not test:
            raise ValueError(f"{len(train)} deal(s) closed before {closed_before}, {len(test)} on or after: "
                             "pick a date with deals on both sides")
        won, scores, model = _split(train, test)
        report: dict[str, Any] = {"train": len(train), "test": len(test), **_measured(won, scores)}
    else:
        report, model = _folds(closed, folds or 5)
    notes += [f"left out {f}: {why}" for f, why in model.dropped.items() if why != "empty"]
    return report, notes


def _measured(won: list[bool], scores: dict[str, list[float]]) -> dict[str, dict[str, float | None]]:
    """AUC and Brier of each scorer, to four decimals."""
    return {name: {"auc": _round(auc(won, scores[name])), "brier": _round(brier(won, scores[name]))}
            for name in NAMES}


def _split(train: Sequence[DealRecord], test: Sequence[DealRecord]) -> tuple[list[bool], dict[str, list[float]], Model]:
    """Learn on train, score test with the model and both baselines."""
    model = fit(train)
    y = np.array([d.outcome == "won" for d in train])
    rate = float(y.mean())
    scores = {"model": [model.probability(d) for d in test], "win_rate": [rate] * len(test),
              "logistic_regression": _sklearn(model.features(train), y, model.features(test), rate)}
    return [d.outcome == "won" for d in test], scores, model


def _folds(closed: Sequence[DealRecord], k: int) -> tuple[dict[str, Any], Model]:
    """Every closed deal scored once, by a model that did not see it; measures averaged over folds by size."""
    y = np.array([d.outcome == "won" for d in closed])
    if k < 2 or k > min(y.sum(), len(y) - y.sum()):
        raise ValueError(f"--folds must be between 2 and the number of wins or losses, whichever is fewer; got {k}")
    fold = stratified_folds(y.astype(int), k)
    total: dict[str, dict[str, float]] = {name: {"auc": 0.0, "brier": 0.0} for name in NAMES}
    for f in range(k):
        test = [d for d, g in zip(closed, fold, strict=True) if g == f]
        won, scores, model = _split([d for d, g in zip(closed, fold, strict=True) if g != f], test)
        for name, measures in _measured(won, scores).items():
            for key, value in measures.items():
                # Averaging per fold, not pooling: each fold's win rate is a different constant. A fold
                # without both outcomes has no AUC and counts as a coin toss; a Brier of 0 stays 0.
                total[name][key] += (0.5 if value is None else value) * len(test) / len(closed)
    report: dict[str, Any] = {"train": round(len(closed) * (k - 1) / k), "test": len(closed)}
    report |= {name: {key: round(v, 4) for key, v in m.items()} for name, m in total.items()}
    return report, model


def _sklearn(x: np.ndarray, y: np.ndarray, x_test: np.ndarray, rate: float) -> list[float]:
    """scikit-learn's LogisticRegression (default C=1.0); the win rate when there is nothing to learn from."""
    from sklearn.linear_model import LogisticRegression

    if x.shape[1] == 0 or y.all() or not y.any():
        return [rate] * len(x_test)
    return [float(p) for p in LogisticRegression(C=1.0, max_iter=5000).fit(x, y).predict_proba(x_test)[:, 1]]


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
