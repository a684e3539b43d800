"""What wins: the win rate of each proposition and each point over closed deals, smoothed.

A deal counts for a proposition (or a point) when the proposition was delivered to someone in its
chain before it closed, once per deal however often it was said. The raw rate of a point used on two
deals is noise, so each rate is the mean of a Beta posterior whose prior is the workspace's own win
rate worth `PRIOR_DEALS` deals: (wins + k·base) / (deals + k·base + k·(1 − base)). A point that won
2 of 2 with a 40 % base reads (2 + 1.6) / 6 = 60 %, below one that won 8 of 10 (9.6 / 14 = 69 %).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

PRIOR_DEALS = 4.0


class Used(NamedTuple):  # a tuple, not a dataclass: what wins reads tens of thousands at a time
    """One closed deal on which a proposition's point was delivered, to someone in a chain role."""

    deal_id: int
    won: bool
    proposition_id: int | None
    point: str
    role: str | None = None
    industry: str | None = None


@dataclass(frozen=True)
class WinRate:
    """A proposition's or point's record: deals won of deals used on, and the smoothed rate."""

    key: str  # the proposition id as text, or the point
    won: int
    deals: int
    rate: float
    raw: float


def smoothed(won: int, deals: int, base: float, prior: float = PRIOR_DEALS) -> float:
    """The Beta-posterior mean of a win rate, with the base rate worth `prior` deals."""
    return (won + prior * base) / (deals + prior)


def base_rate(outcomes: Iterable[bool]) -> float:
    """The share of closed deals won (one half when there are none)."""
    seen = list(outcomes)
    return sum(seen) / len(seen) if seen else 0.5


def win_rates(used: Sequence[Used], *, base: float, by: str = "proposition", industry: str | None = None,
              role: str | None = None) -> list[WinRate]:
    """Propositions (by="proposition") or points (by="point") best first, optionally in one industry or role."""
    deals: dict[str, dict[int, bool]] = defaultdict(dict)
    for u in used:
        if (industry and u.industry != industry) or (role and u.role != role):
            continue
        key = u.point if by == "point" else (str(u.proposition_id) if u.proposition_id is not None else None)
        if key:
            deals[key][u.deal_id] = u.won
    rates = [WinRate(key, sum(o.values()), len(o), smoothed(sum(o.values()), len(o), base),
                     sum(o.values()) / len(o)) for key, o in deals.items()]
    return sorted(rates, key=lambda r: (-r.rate, -r.deals, r.key))
