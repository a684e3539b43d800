"""The shared labelled corpus, scored with the shared scorer's own logic."""

from __future__ import annotations

import importlib.util
import json
import time
from datetime import datetime
from pathlib import Path
from types import ModuleType

import pytest

from domain.understanding import understand, warm_up

SHARED = Path(__file__).parents[3].parent / "shared"
CORPUS = SHARED / "examples" / "meeting-logs.jsonl"
SCORER = SHARED / "tools" / "score_meeting_logs.py"


def _scorer() -> ModuleType:
    if not SCORER.exists() or not CORPUS.exists():
        pytest.skip("shared/ corpus and scorer are not beside the repository")
    spec = importlib.util.spec_from_file_location("score_meeting_logs", SCORER)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _cases() -> list[dict]:
    return [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_the_shared_examples_score_an_f1_of_at_least_090() -> None:
    scorer = _scorer()
    tally = scorer.Tally()
    for case in _cases():
        out = understand(case["text"], now=datetime.fromisoformat(case["now"])).to_json()
        scorer.score_case(case, json.loads(json.dumps(out)), tally)
    precision = tally.tp / (tally.tp + tally.fp)
    recall = tally.tp / (tally.tp + tally.fn)
    f1 = 2 * precision * recall / (precision + recall)
    assert f1 >= 0.90, "\n".join(tally.misses)


def test_parsing_one_log_takes_well_under_50_ms_after_warm_up() -> None:
    if not CORPUS.exists():
        pytest.skip("shared/ corpus is not beside the repository")
    warm_up()
    cases = _cases()
    start = time.perf_counter()
    for case in cases:
        understand(case["text"], now=datetime.fromisoformat(case["now"]))
    per_log = (time.perf_counter() - start) / len(cases)
    assert per_log < 0.05


def test_every_result_round_trips_through_the_contract_json() -> None:
    if not CORPUS.exists():
        pytest.skip("shared/ corpus is not beside the repository")
    for case in _cases():
        log = understand(case["text"], now=datetime.fromisoformat(case["now"]))
        assert type(log).from_json(log.to_json()) == log
