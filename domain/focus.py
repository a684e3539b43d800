"""`/rapport focus`: the open deals best worth a rep's time this week, by the incubation score.

Amounts are not converted: when the deals share one currency the scores compare like for like;
when they do not, the ranking still orders the raw numbers and says that it mixes currencies,
rather than guessing an exchange rate.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from domain.entities import Deal
from domain.scoring import Factor, Ranked, incubation_rank

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
    currencies = {c.deal.currency for c in deals if c.deal.amount}
    ranked = incubation_rank(((c, c.probability) for c in deals), today)
    return Focus(tuple(ranked[:top]), is_prior, len(currencies) > 1, len(deals))
