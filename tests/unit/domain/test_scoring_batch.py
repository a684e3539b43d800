"""A team's open deals scored all at once read the same facts, and rank the same, as the deal card reads one deal."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

import numpy as np

from domain.control_points import POINT_KEYS, six_points
from domain.entities import ChainMember, ControlPoint, Deal
from domain.focus import best_rows
from domain.graph.chain import ROLES, DecisionChain
from domain.scoring.batch import Evidence, OpenDeals, facts_by_field, one_hot
from domain.scoring.deal_facts import ScoringRecord, score_fields, scoring_record
from domain.scoring.features import Encoder, build_encoder
from domain.scoring.incubation import timing

TODAY = date(2026, 12, 1)
INDUSTRY = {1: "银行", 2: " 能源 ", 3: None, 4: "", 5: "银行"}  # account 6 has no row: its deals read no industry
PAST_WINS = {3: 0, 8: 2, 40: 1}  # deals that were closed when the model learnt, by id
ACCOUNT_WINS = {1: 3, 2: 1, 5: 0}


def _team(n: int, seed: int) -> tuple[list[Deal], list[dict[str, object]], dict[int, dict[str, ControlPoint]],
                                       dict[int, list[ChainMember]]]:
    """Deals with every shape of fact: blank, padded, numeric and boolean custom values, custom columns named
    like standard facts, assessed and unassessed tender points, chains with two decision makers or none."""
    rnd = random.Random(seed)
    deals: list[Deal] = []
    customs: list[dict[str, object]] = []
    points: dict[int, dict[str, ControlPoint]] = {}
    chains: dict[int, list[ChainMember]] = {}
    for i in range(1, n + 1):
        deals.append(Deal(i, f"D{i}", rnd.choice((None, 1, 2, 3, 4, 5, 6)), rnd.choice((None, 0.0, 99_999.99, 250_000.0,
                                                                                         1_200_000.0, 3e6, 12.345)),
                          rnd.choice(("CNY", "USD")), close_on=rnd.choice((None, TODAY + timedelta(rnd.randrange(-30, 400)))),
                          award_method=rnd.choice((None, "open_tender", " open_tender ", "inquiry")),
                          award_rule=rnd.choice((None, "lowest_price")),
                          evaluation_criteria=rnd.choice(((), ({"item": "技术", "weight": 40},)))))
        customs.append({"区域": rnd.choice(("华东", " 华东 ", "华北", "", "  ", None, 3, True)),
                        "级别": rnd.choice(("A", "B", 1.5)), "industry": "ignored", "created_on": "Q1"})
        points[i] = {k: ControlPoint(k, rnd.choice(("secured", "at_risk", "unknown", "lost")))
                     for k in rnd.sample(POINT_KEYS, rnd.randrange(len(POINT_KEYS) + 1))}
        chains[i] = [ChainMember(100 * i + k, i, k, rnd.choice((*ROLES, ROLES[0], "sponsor")), 3,
                                 rnd.choice(("support", "oppose", "neutral"))) for k in range(rnd.randrange(6))]
    return deals, customs, points, chains


def _records(deals: list[Deal], customs: list[dict[str, object]], points: dict[int, dict[str, ControlPoint]],
             chains: dict[int, list[ChainMember]]) -> list[ScoringRecord]:
    """Each deal's record as the deal card makes it (services/deal_score.py Scorer.record)."""
    return [scoring_record(d, industry=INDUSTRY.get(d.account_id) if d.account_id else None, custom=c,
                           past_wins=None if d.account_id is None else PAST_WINS.get(d.id,
                                                                                     ACCOUNT_WINS.get(d.account_id, 0)),
                           points=six_points(d, points[d.id]), chain=DecisionChain(d, tuple(chains[d.id])))
            for d, c in zip(deals, customs, strict=True)]


def _columns(deals: list[Deal], customs: list[dict[str, object]]) -> OpenDeals:
    return OpenDeals([d.id for d in deals], [d.account_id for d in deals], [d.amount for d in deals],
                     [d.currency for d in deals], [d.close_on for d in deals], [d.award_method for d in deals],
                     [d.award_rule for d in deals], [bool(d.evaluation_criteria) for d in deals], customs)


def _matrix(encoder: Encoder, deals: list[Deal], customs: list[dict[str, object]],
            points: dict[int, dict[str, ControlPoint]], chains: dict[int, list[ChainMember]]) -> np.ndarray:
    """The matrix built field by field from the deals read as columns and their points and chains as rows."""
    evidence = Evidence(INDUSTRY, PAST_WINS, ACCOUNT_WINS,
                        [(i, p.key, p.state) for i, kept in points.items() for p in kept.values()],
                        [(m.deal_id, m.role, m.stance) for members in chains.values() for m in members])
    table = facts_by_field(_columns(deals, customs), encoder.categorical, evidence)
    return one_hot(encoder, table, [d.amount for d in deals])


def test_a_teams_deals_encoded_field_by_field_switch_on_the_columns_each_deals_record_does() -> None:
    deals, customs, points, chains = _team(600, seed=4)
    records = _records(deals, customs, points, chains)
    encoder = build_encoder(records, [*score_fields(records), "amount", "created_on"])
    assert {f for f, _ in encoder.columns} >= {"industry", "account_wins", "amount", "award_method", "points_secured",
                                               "chain_coverage", "decision_maker", "区域", "级别"}
    assert np.array_equal(_matrix(encoder, deals, customs, points, chains), encoder.matrix(records))


def test_size_buckets_match_even_on_edges_no_amount_of_a_deal_could_have_written() -> None:
    deals, customs, points, chains = _team(300, seed=5)
    records = _records(deals, customs, points, chains)
    # 250,000.0 is under the middle edge, though as floats the two are equal.
    edges = (Decimal("12.3449999999"), Decimal("250000.0000000000001"), Decimal("3000000"))
    probe = Encoder((("amount", ""),), edges)
    encoder = Encoder(tuple(sorted({pair for r in records for pair in probe.values(r)})), edges)
    assert len(encoder.columns) == 4
    assert np.array_equal(_matrix(encoder, deals, customs, points, chains), encoder.matrix(records))


def test_a_teams_top_rows_are_its_best_deals_by_probability_amount_and_timing_ties_as_they_came() -> None:
    deals, customs, _, _ = _team(400, seed=6)
    probabilities = [random.Random(d.id).choice((0.2, 0.5, 0.5, 0.8)) for d in deals]
    scores = [p * float(d.amount or 0) * timing(d.close_on, TODAY) for d, p in zip(deals, probabilities, strict=True)]
    best = best_rows(_columns(deals, customs), probabilities, today=TODAY, top=40)
    assert [(i, s) for i, _, s in best] == sorted(enumerate(scores), key=lambda pair: -pair[1])[:40]
    assert len({s for _, _, s in best}) < 40  # ties were there to keep in order
