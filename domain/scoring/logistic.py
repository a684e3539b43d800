"""L2-regularised logistic regression by Newton's method, its strength chosen by cross-validation.

The penalty is λ/2·‖w‖² on the summed log-loss (the intercept is not penalised), so λ is
scikit-learn's 1/C. λ is picked from a grid by 5-fold stratified out-of-fold log-loss: on history
whose fields carry no signal the largest λ wins and every deal gets the win rate.
"""

from __future__ import annotations

import numpy as np

GRID = tuple(10.0 ** e for e in (4.0, 3.0, 2.5, 2.0, 1.5, 1.0, 0.5, 0.0, -1.0))  # strongest first: warm starts
FOLDS = 5


def sigmoid(z: np.ndarray) -> np.ndarray:
    """Log-odds to probability, without overflow."""
    return 1.0 / (1.0 + np.exp(-np.clip(z, -35.0, 35.0)))


def newton(x: np.ndarray, y: np.ndarray, lam: float, start: np.ndarray | None = None) -> np.ndarray:
    """Weights [intercept, w…] minimising log-loss + λ/2·‖w‖², by damped Newton steps."""
    xa = np.hstack([np.ones((len(x), 1)), x])
    penalty = np.full(xa.shape[1], lam)
    penalty[0] = 0.0
    w = start.copy() if start is not None else np.zeros(xa.shape[1])
    if start is None:
        rate = np.clip(y.mean(), 1e-3, 1 - 1e-3)
        w[0] = np.log(rate / (1 - rate))
    loss = _objective(xa, y, w, penalty)
    for _ in range(50):
        p = sigmoid(xa @ w)
        gradient = xa.T @ (p - y) + penalty * w
        scaled = xa * np.sqrt(p * (1 - p))[:, None]
        hessian = scaled.T @ scaled + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hessian, gradient)
        # Halve the step while it does not lower the loss: plain Newton can overshoot on separable data.
        for _ in range(30):
            trial = _objective(xa, y, w - step, penalty)
            if trial <= loss + 1e-12:
                break
            step = step / 2
        w, loss = w - step, trial
        if np.max(np.abs(step)) < 1e-6:
            break
    return w


def _objective(xa: np.ndarray, y: np.ndarray, w: np.ndarray, penalty: np.ndarray) -> float:
    z = xa @ w
    return float(np.sum(np.logaddexp(0.0, z) - y * z) + 0.5 * np.sum(penalty * w * w))


def predict(w: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Win probabilities of the rows of x."""
    return sigmoid(w[0] + x @ w[1:])


def stratified_folds(y: np.ndarray, k: int, seed: int = 0) -> np.ndarray:
    """A fold number per row, wins and losses dealt out evenly, reproducibly."""
    rng = np.random.default_rng(seed)
    folds = np.empty(len(y), dtype=int)
    for label in (0, 1):
        rows = rng.permutation(np.flatnonzero(y == label))
        folds[rows] = np.arange(len(rows)) % k
    return folds


def choose_lambda(x: np.ndarray, y: np.ndarray, grid: tuple[float, ...] = GRID) -> float:
    """The λ of the grid with the lowest out-of-fold log-loss (the grid runs strongest first)."""
    k = int(min(FOLDS, y.sum(), len(y) - y.sum()))
    if k < 2:
        return grid[0]
    folds = stratified_folds(y, k)
    warm: list[np.ndarray | None] = [None] * k
    losses: list[float] = []
    for lam in grid:
        loss = 0.0
        for f in range(k):
            train, test = folds != f, folds == f
            warm[f] = w = newton(x[train], y[train], lam, warm[f])
            p = np.clip(predict(w, x[test]), 1e-9, 1 - 1e-9)
            loss -= float(np.sum(y[test] * np.log(p) + (1 - y[test]) * np.log(1 - p)))
        losses.append(loss)
        # The out-of-fold loss is U-shaped in log λ: two rises in a row past the best end the search.
        if len(losses) >= 3 and losses[-1] > losses[-2] > losses[-3]:
            break
    return grid[int(np.argmin(losses))]
