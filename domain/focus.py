"""`/rapport focus`: the open deals best worth a rep's time this week, by the incubation score.

Amounts are not converted: when the deals share one currency the scores compare like for like;
when they do not, the ranking still orders the raw numbers and says that it mixes currencies,
rather than guessing an exchange rate.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from domain.entities import Deal
from domain.scoring import Factor, Ranked
from domain.scoring.batch import OpenDeals
from domain.scoring.incubation import incubation_top

TOP = 5


@dataclass(frozen=True)
class Candidate:
    """An open deal with its account's name, its win probability and the factor that moves it most."""

    deal: Deal
    account: str | None
    probability: float
    top_factor: Factor | None = None

    @property
    def amount(self) -> Decimal | None:
        """The amount as the ranking reads it."""
        return None if self.deal.amount is None else Decimal(str(self.deal.amount))

    @property
    def closed_on(self) -> date | None:
        """The expected close date."""
        return self.deal.close_on


@dataclass(frozen=True)
class Focus:
    """The best deals first, whether probabilities are only the win rate, and whether currencies are mixed."""

    ranked: tuple[Ranked[Candidate], ...]
    is_prior: bool
    mixed_currencies: bool
    open_deals: int


def focus_ranking(candidates: Iterable[Candidate], *, today: date, is_prior: bool, top: int = TOP) -> Focus:
    """The top deals by probability × amount × timing, each amount in its own currency."""
    deals = list(candidates)
    best = incubation_top([c.probability for c in deals], [c.deal.amount for c in deals],
                          [c.closed_on for c in deals], today, top)
    ranked = tuple(Ranked(deals[i], deals[i].probability, weight, score) for i, weight, score in best)
    return Focus(ranked, is_prior, _mixed((c.deal.currency, c.deal.amount) for c in deals), len(deals))


def best_rows(deals: OpenDeals, probabilities: Sequence[float], *, today: date,
              top: int = TOP) -> list[tuple[int, float, float]]:
    """Which of a team's open deals, read column by column, to show: their positions best first, each with its
    timing weight and score, ranked as `focus_ranking` ranks them; only those shown need become whole deals."""
    return incubation_top(probabilities, deals.amounts, deals.close_ons, today, top)


def focus_of(shown: Iterable[Ranked[Candidate]], deals: OpenDeals, *, is_prior: bool) -> Focus:
    """The deals shown out of all these open ones, and whether those mix currencies."""
    return Focus(tuple(shown), is_prior, _mixed(zip(deals.currencies, deals.amounts, strict=True)), len(deals))


def _mixed(amounts: Iterable[tuple[str | None, float | None]]) -> bool:
    """Whether the deals with an amount are in more than one currency."""
    return len({currency for currency, amount in amounts if amount}) > 1
