"""Win probabilities from history: as sharp as a logistic regression, honest when history says nothing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

from domain.scoring import auc, brier, fit, incubation_rank
from domain.scoring.features import candidate_fields
from services.importing.deal_csv import DealRecord
from tests.deal_history import no_signal, realistic


def outcomes(deals: list[DealRecord]) -> np.ndarray:
    return np.array([d.outcome == "won" for d in deals])


@pytest.fixture(scope="module")
def realistic_run() -> dict[str, float]:
    """Learn from 400 deals, score 3,000 fresh ones from the same truth: the model and sklearn's default."""
    train, test = realistic(400, seed=1), realistic(3000, seed=7)
    model = fit(train)
    y = outcomes(test)
    ours = [model.probability(d) for d in test]
    sk = LogisticRegression(C=1.0, max_iter=5000).fit(model.features(train), outcomes(train))
    theirs = sk.predict_proba(model.features(test))[:, 1]
    return {"auc": auc(y, ours) or 0.0, "brier": brier(y, ours),
            "sk_auc": float(roc_auc_score(y, theirs)), "sk_brier": brier(y, theirs)}


def test_the_model_ranks_wins_as_well_as_scikit_learns_logistic_regression(realistic_run) -> None:
    assert realistic_run["auc"] >= realistic_run["sk_auc"] - 0.01


def test_the_models_probabilities_are_as_honest_as_scikit_learns(realistic_run) -> None:
    assert realistic_run["brier"] <= realistic_run["sk_brier"] + 0.01


def test_on_history_without_signal_every_deal_gets_about_the_win_rate() -> None:
    train, test = no_signal(2400, seed=2), no_signal(600, seed=9)
    model = fit(train)
    y = outcomes(test)
    rate = outcomes(train).mean()
    assert brier(y, [model.probability(d) for d in test]) <= brier(y, [rate] * len(test)) + 0.005


def test_the_top_factor_of_a_lowest_price_tender_is_its_award_method() -> None:
    model = fit(realistic(400, seed=1))
    neutral = {f"a{j + 1:02d}": "level 1" for j in range(19)}
    deal = replace(realistic(1, seed=5)[0], award_method="lowest price", attributes=neutral, outcome="open")
    top = model.top_factors(deal)
    assert top[0].field == "award_method" and top[0].points < -5
    assert top[0].words.startswith("award method = lowest price: -")


def test_a_column_written_at_the_close_is_not_learnt_from() -> None:
    history = realistic(400, seed=1)
    model = fit(history)
    assert "Final status" in model.dropped
    signed = replace(history[0], attributes={**history[0].attributes, "Final status": "signed"})
    cancelled = replace(history[0], attributes={**history[0].attributes, "Final status": "cancelled"})
    assert model.probability(signed) == model.probability(cancelled)


def test_a_predictive_column_recorded_before_the_tender_is_kept_even_if_it_sounds_final() -> None:
    history = realistic(400, seed=1)
    renamed = [replace(d, attributes={**{k: v for k, v in d.attributes.items() if k != "a01"},
                                      "Final budget": d.attributes["a01"]}) for d in history]
    assert "Final budget" not in fit(renamed).dropped


def test_the_winner_and_the_winning_price_are_never_among_the_models_inputs() -> None:
    # Each carries a column that predicts the outcome (a01, a02), so only the rule on what is known at the close
    # keeps it out: as the deal's own field or as a custom column of an older import, under any header read so.
    history = [replace(d, winner=d.attributes["a02"], winning_price=Decimal(100 + 10 * int(d.attributes["a01"][-1])),
                       attributes={**d.attributes, "中标价": d.attributes["a01"], "Winning Bid": d.attributes["a01"],
                                   "中标方": d.attributes["a02"]}) for d in realistic(400, seed=1)]
    at_close = ("winner", "winning_price", "中标价", "Winning Bid", "中标方")
    model = fit(history, [*candidate_fields(history), "winner", "winning_price"])
    assert {f: model.dropped.get(f) for f in at_close} == dict.fromkeys(at_close, "known only at the close")
    assert not {f for f, _ in model.encoder.columns} & set(at_close)
    assert "a01" in {f for f, _ in model.encoder.columns}, "the same values under their own name are learnt from"


def test_a_unique_deal_name_is_not_learnt_from() -> None:
    assert "name" in fit(realistic(400, seed=1)).dropped


def test_with_no_history_the_probability_is_a_coin_toss() -> None:
    model = fit([])
    assert model.is_prior and model.probability(realistic(1)[0]) == pytest.approx(0.5)


def test_with_thin_history_the_probability_leans_to_the_win_rate_without_reasons() -> None:
    few = [replace(d, outcome="won" if i < 2 else "lost") for i, d in enumerate(realistic(8))]
    model = fit(few)
    assert model.probability(few[0]) == pytest.approx(3 / 10)
    assert model.top_factors(few[0]) == []


def test_a_team_that_lost_every_deal_still_reads_a_small_chance_not_zero() -> None:
    lost = [replace(d, outcome="lost") for d in realistic(12)]
    with np.errstate(all="raise"):  # a log of zero would raise here rather than only warn
        model = fit(lost)
        assert model.probability(lost[0]) == pytest.approx(1 / 14)
    assert fit([replace(d, outcome="won") for d in lost]).probability(lost[0]) == pytest.approx(13 / 14)


def test_auc_is_half_for_a_constant_score_and_one_for_a_perfect_ranking() -> None:
    assert auc([True, False, True, False], [0.3] * 4) == 0.5
    assert auc([True, False, True, False], [0.9, 0.1, 0.8, 0.2]) == 1.0


def deal(amount: int | None, close: date | None) -> DealRecord:
    return replace(realistic(1)[0], amount=None if amount is None else Decimal(amount), closed_on=close,
                   outcome="open")


def test_incubation_puts_a_likely_big_deal_closing_soon_first() -> None:
    today = date(2026, 1, 5)
    soon, later, unsized = deal(1_000_000, date(2026, 2, 1)), deal(1_000_000, date(2026, 12, 1)), deal(None, None)
    ranked = incubation_rank([(later, 0.6), (unsized, 0.9), (soon, 0.6)], today)
    assert [r.deal for r in ranked] == [soon, later, unsized]
    assert ranked[1].timing < 0.5 < ranked[0].timing


def test_an_overdue_deal_weighs_as_much_as_one_closing_today() -> None:
    today = date(2026, 1, 5)
    [overdue] = incubation_rank([(deal(100, date(2025, 12, 1)), 0.5)], today)
    assert overdue.timing == 1.0 and overdue.score == 50.0
