"""`rapport score evaluate` as a sales-ops lead runs it on an export of the team's history."""

from __future__ import annotations

import json
from pathlib import Path

from tests.deal_history import realistic, write_csv
from tests.integration.test_cli import rapport

KEYS = {"train", "test", "model", "win_rate", "logistic_regression"}


def test_evaluate_by_date_prints_the_model_and_both_baselines_as_one_json_object(tmp_path: Path) -> None:
    history = write_csv(realistic(300, seed=4), tmp_path / "history.csv")
    done = rapport("score", "evaluate", str(history), "--closed-before", "2024-06-01", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert set(report) == KEYS and report["train"] + report["test"] == 300
    assert report["win_rate"]["auc"] == 0.5
    assert report["model"]["auc"] > 0.7 and report["model"]["brier"] < report["win_rate"]["brier"]
    assert "Final status" in done.stderr  # the operator is told the column written at the close was left out


def test_evaluate_in_folds_scores_every_closed_deal_and_skips_open_ones(tmp_path: Path) -> None:
    deals = realistic(200, seed=6)
    history = write_csv(deals, tmp_path / "history.csv")
    text = history.read_text(encoding="utf-8").replace(",Won,", ",Negotiation,", 10)
    history.write_text(text, encoding="utf-8")
    done = rapport("score", "evaluate", str(history), "--folds", "4", "--map", "Deal name=-", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["test"] == 190 and set(report["logistic_regression"]) == {"auc", "brier"}


def test_a_history_with_a_bad_line_is_refused_with_its_line_number(tmp_path: Path) -> None:
    history = tmp_path / "history.csv"
    history.write_text("Account,Amount,Stage\nAcme,100,won\nGlobex,lots,lost\n", encoding="utf-8")
    done = rapport("score", "evaluate", str(history), "--folds", "2", cwd=tmp_path)
    assert done.returncode == 1 and "line 3" in done.stderr and done.stdout == ""
