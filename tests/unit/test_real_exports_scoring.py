"""Scoring on histories shaped like public B2B deal data: no account, no name, no dates, and columns that leak."""

from __future__ import annotations

import csv
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from domain.scoring import fit
from services.importing.deal_csv import DealRecord, read_deals
from services.score_evaluate import evaluate
from tests.deal_history import realistic

# The columns of Bohanec et al.'s B2B sales data set, with values of the same kind.
COLUMNS = {
    "Product": tuple(f"P{i}" for i in range(1, 15)), "Seller": tuple(f"Seller {i}" for i in range(1, 11)),
    "Authority": ("Low", "Mid", "High"), "Comp_size": ("Small", "Medium", "Big"),
    "Competitors": ("No", "Yes", "Unknown"), "Purch_dept": ("No", "Yes", "Unknown"),
    "Partnership": ("No", "Yes"), "Budgt_alloc": ("No", "Yes", "Unknown"), "Forml_tend": ("No", "Yes"),
    "RFI": ("No", "Yes"), "RFP": ("No", "Yes"), "Growth": ("Stable", "Fast", "Slow", "Decline"),
    "Posit_statm": ("No", "Yes", "Neutral"), "Source": ("Referral", "Joint past", "Media", "Web", "Direct"),
    "Client": ("New", "Current", "Past"), "Scope": ("Clear", "Few questions", "Not clear"),
    "Strat_deal": ("Very important", "Average important", "Unimportant"), "Cross_sale": ("No", "Yes"),
    "Up_sale": ("No", "Yes"), "Deal_type": ("Project", "Solution", "Consulting", "Maintenance"),
    "Needs_def": ("Info gathering", "Clear", "Unclear"), "Att_t_client": ("Normal", "Strategic", "Unsatisfied"),
}
# The truth: log-odds a few of them add to a win; every other column is noise.
EFFECTS = {("Authority", "High"): 1.0, ("Authority", "Low"): -0.8, ("Budgt_alloc", "Yes"): 1.2,
           ("Budgt_alloc", "No"): -0.7, ("Posit_statm", "Yes"): 1.4, ("Posit_statm", "No"): -1.0,
           ("Client", "Current"): 0.9, ("Client", "New"): -0.5, ("Competitors", "Yes"): -0.8,
           ("Scope", "Not clear"): -0.9, ("Up_sale", "Yes"): 0.5}


def bohanec_csv(path: Path, n: int, seed: int, signal: bool = True) -> Path:
    """A history of n deals with the 22 categorical columns and a Won/Lost Status, nothing else."""
    rng = np.random.default_rng(seed)
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.DictWriter(f, fieldnames=[*COLUMNS, "Status"])
        out.writeheader()
        for _ in range(n):
            row = {c: values[rng.integers(len(values))] for c, values in COLUMNS.items()}
            z = -0.2 + signal * sum(EFFECTS.get(pair, 0.0) for pair in row.items())
            out.writerow(row | {"Status": "Won" if rng.random() < 1 / (1 + np.exp(-z)) else "Lost"})
    return path


@pytest.mark.parametrize("seed", [4, 9])
def test_on_a_bohanec_shaped_history_the_model_ranks_and_calibrates_as_well_as_scikit_learn(
        tmp_path: Path, seed: int) -> None:
    deals = read_deals(bohanec_csv(tmp_path / "b2b.csv", 448, seed))
    report, notes = evaluate(deals, folds=5)
    model, sklearn = report["model"], report["logistic_regression"]
    assert report["test"] == 448 and notes == []
    assert model["auc"] >= sklearn["auc"] - 0.01
    assert model["brier"] <= sklearn["brier"] + 0.01
    assert model["brier"] < report["win_rate"]["brier"] - 0.03


def test_on_thousands_of_deals_without_signal_the_model_is_as_good_as_the_win_rate(tmp_path: Path) -> None:
    deals = read_deals(bohanec_csv(tmp_path / "noise.csv", 3000, seed=11, signal=False))
    report, _ = evaluate(deals, folds=5)
    assert report["model"]["brier"] <= report["win_rate"]["brier"] + 0.005


def with_column(deals: list[DealRecord], name: str, value: dict[str, str]) -> list[DealRecord]:
    """The deals with one more column whose cell follows the outcome through `value`."""
    return [replace(d, attributes={**d.attributes, name: value.get(d.outcome, "")}) for d in deals]


def test_a_column_that_gives_the_outcome_away_is_left_out_whatever_its_name() -> None:
    history = with_column(realistic(400, seed=1), "Forecast Category", {"won": "Closed", "lost": "Omitted"})
    model = fit(history)
    assert "outcome of 400 of 400 closed deals" in model.dropped["Forecast Category"]
    closed = replace(history[0], attributes={**history[0].attributes, "Forecast Category": "Closed"})
    omitted = replace(history[0], attributes={**history[0].attributes, "Forecast Category": "Omitted"})
    assert model.probability(closed) == model.probability(omitted)


def test_a_column_filled_in_only_for_won_deals_is_left_out() -> None:
    history = realistic(400, seed=1)
    terms = ("Net 30", "Net 60", "Net 90")
    history = [replace(d, attributes={**d.attributes, "Payment terms": terms[i % 3] if d.outcome == "won" else ""})
               for i, d in enumerate(history)]
    assert fit(history).dropped["Payment terms"].startswith("filled in for 100% of won deals and 0% of lost ones")


def test_a_strong_column_that_misses_a_few_deals_is_still_learnt_from() -> None:
    history = realistic(400, seed=1)
    # Budget confirmed for every win and for one loss in ten: a sign, not a record of the outcome.
    history = [replace(d, attributes={**d.attributes, "Budget": "confirmed" if d.outcome == "won" or i % 10 == 0
                                      else "not yet"}) for i, d in enumerate(history)]
    model = fit(history)
    assert "Budget" not in model.dropped and model.weights[("Budget", "confirmed")] > 1


def test_a_handful_of_deals_a_column_happens_to_separate_is_no_proof_of_a_leak() -> None:
    few = with_column(realistic(25, seed=3), "Region", {"won": "North", "lost": "South"})
    assert "Region" not in fit(few).dropped
