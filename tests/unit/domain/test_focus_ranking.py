"""The focus list: the best five open deals by probability × amount × timing, and when currencies mix."""

from __future__ import annotations

from datetime import date, timedelta

from domain.entities import Deal
from domain.focus import Candidate, focus_ranking

TODAY = date(2026, 12, 9)


def _candidate(name: str, amount: float | None, days: int | None, probability: float = 0.5,
               currency: str = "CNY") -> Candidate:
    close = None if days is None else TODAY + timedelta(days=days)
    return Candidate(Deal(0, name, amount=amount, currency=currency, close_on=close), "北辰银行", probability)


def test_a_closer_larger_deal_ranks_above_a_far_small_one() -> None:
    view = focus_ranking([_candidate("远小", 100_000, 360), _candidate("近大", 3_000_000, 10)], today=TODAY,
                         is_prior=False)
    assert [r.deal.deal.name for r in view.ranked] == ["近大", "远小"]
    assert view.ranked[1].timing == 0.5 ** 4 and not view.mixed_currencies


def test_only_the_top_five_are_kept_out_of_all_the_open_deals() -> None:
    view = focus_ranking([_candidate(f"D{i}", 100_000 * i, 30) for i in range(1, 9)], today=TODAY, is_prior=True)
    assert [r.deal.deal.name for r in view.ranked] == ["D8", "D7", "D6", "D5", "D4"]
    assert view.open_deals == 8 and view.is_prior


def test_deals_in_two_currencies_are_ranked_unconverted_and_say_so() -> None:
    view = focus_ranking([_candidate("人民币", 1_000_000, 30), _candidate("美元", 200_000, 30, currency="USD"),
                          _candidate("未定", None, 30, currency="EUR")], today=TODAY, is_prior=False)
    assert view.mixed_currencies
    assert view.ranked[-1].deal.deal.name == "未定" and view.ranked[-1].score == 0
