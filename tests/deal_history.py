"""Made-up deal histories with a known truth, for measuring the score (never shipped).

`realistic` draws deals with twenty categorical attributes of which eight move the odds of a win
by a known logistic rule (award method the most), plus an amount, dates, a unique deal name and a
"Final status" column written at the close. `no_signal` draws fields that have nothing to do with
the outcome.
"""

from __future__ import annotations

import csv
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import numpy as np

from services.importing.deal_csv import DealRecord

AWARD_METHODS = ("comprehensive score", "lowest price", "single source", "competitive negotiation")
# The truth: log-odds added by each award method, and by the other signal attributes (value index × step).
AWARD_EFFECT = {"comprehensive score": 1.8, "lowest price": -1.8, "single source": 0.2,
                "competitive negotiation": -0.2}
SIGNAL_STEPS = (0.9, -0.8, 0.7, 0.6, -0.5, 0.5, 0.4)
START = date(2023, 1, 1)


def realistic(n: int, seed: int = 1, attributes: int = 20) -> list[DealRecord]:
    """Deals whose outcome follows a logistic truth over eight of `attributes` categorical fields."""
    rng = np.random.default_rng(seed)
    deals = []
    for i in range(n):
        award = AWARD_METHODS[rng.integers(len(AWARD_METHODS))]
        values = [int(v) for v in rng.integers(0, 3, size=attributes - 1)]
        z = -0.6 + AWARD_EFFECT[award] + sum(step * (values[j] - 1) for j, step in enumerate(SIGNAL_STEPS))
        won = rng.random() < 1 / (1 + np.exp(-z))
        attrs = {f"a{j + 1:02d}": f"level {v}" for j, v in enumerate(values)}
        attrs["Final status"] = "signed" if won else "cancelled"
        deals.append(_deal(i, rng, "won" if won else "lost", award, attrs))
    return deals


def no_signal(n: int, seed: int = 2, win_rate: float = 0.3) -> list[DealRecord]:
    """Deals whose ten fields are drawn independently of the outcome."""
    rng = np.random.default_rng(seed)
    deals = []
    for i in range(n):
        attrs = {f"f{j + 1:02d}": f"v{rng.integers(0, 2 + j % 4)}" for j in range(10)}
        award = AWARD_METHODS[rng.integers(len(AWARD_METHODS))]
        deals.append(_deal(i, rng, "won" if rng.random() < win_rate else "lost", award, attrs))
    return deals


def _deal(i: int, rng: np.random.Generator, outcome: str, award: str, attrs: dict[str, str]) -> DealRecord:
    created = START + timedelta(days=int(rng.integers(0, 700)))
    return DealRecord(
        line=i + 2, account=f"Account {rng.integers(0, 60)}", name=f"Deal {i}", owner=f"rep{rng.integers(0, 8)}",
        product=None, industry=("banking", "energy", "retail")[rng.integers(3)], stage=None,
        amount=Decimal(int(rng.lognormal(13, 1))), currency="CNY", created_on=created,
        closed_on=created + timedelta(days=int(rng.integers(30, 240))), outcome=outcome, award_method=award,
        award_rule=None, competitors=(), attributes=attrs)


def write_csv(deals: list[DealRecord], path: Path) -> Path:
    """The deals as an export a sales-ops lead would hand over (outcome in a Status column)."""
    extra = list(deals[0].attributes)
    header = ["Deal name", "Account", "Owner", "Industry", "Amount", "Created", "Close date", "Award method",
              "Status", *extra]
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(header)
        for d in deals:
            out.writerow([d.name, d.account, d.owner, d.industry, d.amount, d.created_on, d.closed_on,
                          d.award_method, {"won": "Won", "lost": "Loss"}.get(d.outcome, "Open"),
                          *(d.attributes[k] for k in extra)])
    return path
