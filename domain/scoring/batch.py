"""Scoring a team's thousands of open deals at once: their facts field by field, and the model's matrix from them.

`/rapport focus team` scores every open deal of fifty reps on each call. A ScoringRecord and a set of
(field, value) pairs per deal cost ≈ 40 µs a deal; here each fact is worked out for all the deals a
field at a time, by the rules `deal_facts.scoring_record` applies to one deal (the unit tests hold
the two to the same matrix), and the one-hot matrix is filled a column of values at a time.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import repeat
from typing import Any, NamedTuple

import numpy as np

from domain.control_points import IN_TENDER, POINT_KEYS
from domain.graph.chain import DECISION_MAKER, ROLES
from domain.scoring.deal_facts import FIELDS, MISSING, coverage_label, points_bucket, wins_bucket
from domain.scoring.features import Encoder, size_label

_POINTS = tuple(points_bucket(n) for n in range(len(POINT_KEYS) + 1))
_COVERAGE = tuple(coverage_label(n) for n in range(len(ROLES) + 1))
_ROLE_BITS = {role: 1 << i for i, role in enumerate(ROLES)}
_TENDER_BITS = {key: 1 << i for i, key in enumerate(IN_TENDER)}


@dataclass(frozen=True)
class OpenDeals:
    """A team's open deals as focus reads thousands at once, column by column: what the model and the ranking
    read of them. A list per column, not an object per deal: the garbage collector walks each object that
    lives through the call, and eight thousand of them made it walk the whole process more often."""

    ids: Sequence[int]
    account_ids: Sequence[int | None]
    amounts: Sequence[float | None]
    currencies: Sequence[str | None]
    close_ons: Sequence[date | None]
    award_methods: Sequence[str | None]
    award_rules: Sequence[str | None]
    criteria_known: Sequence[bool]  # whether each one's evaluation criteria are on record
    customs: Sequence[Mapping[str, Any]]

    def __len__(self) -> int:
        return len(self.ids)


class Evidence(NamedTuple):
    """What else the facts of the open deals are made of, read for all of them at once."""

    industry: Mapping[int, str | None]  # by account
    past_wins: Mapping[int, int]  # per closed deal, the account's wins before it (the model's history)
    account_wins: Mapping[int, int]  # per account, its wins in that history
    points: Iterable[tuple[int, str, str]]  # (deal, key, state) of each assessed control point
    members: Iterable[tuple[int, str, str]]  # (deal, role, stance) of each chain member, in the order added


def facts_by_field(deals: OpenDeals, fields: Iterable[str], evidence: Evidence) -> dict[str, list[str]]:
    """Each field's value for every deal as the model reads it (trimmed, "" when blank), as `scoring_record`
    and `raw_values` give them deal by deal."""
    wanted = set(fields)
    table: dict[str, list[str]] = {}
    if wanted & {"points_secured", "chain_coverage", "decision_maker"}:
        table.update(_secured(deals, evidence.points))
        table.update(_chains(deals.ids, evidence.members))
    if "industry" in wanted:
        industry = evidence.industry
        table["industry"] = _trimmed([None if a is None else industry.get(a) for a in deals.account_ids])
    if "account_wins" in wanted:
        wins, before = evidence.account_wins, evidence.past_wins
        table["account_wins"] = ["" if a is None else wins_bucket(before.get(i, wins.get(a, 0)))
                                 for i, a in zip(deals.ids, deals.account_ids, strict=True)]
    table["award_method"] = _trimmed(deals.award_methods)
    table["award_rule"] = _trimmed(deals.award_rules)
    # A custom attribute named like a standard fact never reaches the model, and the creation quarter is
    # the record's own (open deals have none), whatever a custom column of that name says.
    for field in wanted - set(FIELDS) - {"created_on", "amount"}:
        table[field] = _trimmed([c.get(field) for c in deals.customs])
    return {f: v for f, v in table.items() if f in wanted}


def _trimmed(values: Iterable[Any]) -> list[str]:
    """The values as text without surrounding spaces, "" for none (most are text already)."""
    return ["" if v is None else v.strip() if type(v) is str else str(v).strip() for v in values]


def _secured(deals: OpenDeals, points: Iterable[tuple[int, str, str]]) -> dict[str, list[str]]:
    """How many of the six points are secured: as assessed, else secured when the tender fact is on record
    (six_points, known_tender_facts). One state per deal and key, as the store keeps them."""
    secured: dict[int, int] = {}
    assessed: dict[int, int] = {}  # per deal, the tender facts assessed, as bits in IN_TENDER's order
    for deal_id, key, state in points:
        if key in POINT_KEYS:
            secured[deal_id] = secured.get(deal_id, 0) + (state == "secured")
            assessed[deal_id] = assessed.get(deal_id, 0) | _TENDER_BITS.get(key, 0)
    on_record = [(method is not None) | criteria << 1 | (rule is not None) << 2  # IN_TENDER's order
                 for method, criteria, rule in zip(deals.award_methods, deals.criteria_known, deals.award_rules,
                                                   strict=True)]
    return {"points_secured": [_POINTS[secured.get(i, 0) + (known & ~assessed.get(i, 0)).bit_count()]
                               for i, known in zip(deals.ids, on_record, strict=True)]}


def _chains(ids: Sequence[int], members: Iterable[tuple[int, str, str]]) -> dict[str, list[str]]:
    """The share of the method's roles the chain fills, and the first decision maker's stance."""
    held: dict[int, int] = {}  # per deal, the method's roles held, as bits
    decider: dict[int, str] = {}
    for deal_id, role, stance in members:
        held[deal_id] = held.get(deal_id, 0) | _ROLE_BITS.get(role, 0)
        if role == DECISION_MAKER and deal_id not in decider:
            decider[deal_id] = stance
    return {"chain_coverage": [_COVERAGE[held.get(i, 0).bit_count()] for i in ids],
            "decision_maker": [decider.get(i, MISSING) for i in ids]}


def one_hot(encoder: Encoder, table: Mapping[str, Sequence[str]], amounts: Sequence[float | None]) -> np.ndarray:
    """deals × the encoder's columns of 0/1, filled a field at a time: what `Encoder.matrix` gives deal by deal."""
    x = np.zeros((len(amounts), len(encoder.columns)))
    by_field: dict[str, dict[str, int]] = {}
    for j, (field, value) in enumerate(encoder.columns):
        if value:  # a blank value is no value: it switches nothing on
            by_field.setdefault(field, {})[value] = j
    for field, index in by_field.items():
        if field == "amount":
            hits = _sizes(amounts, encoder.size_edges, index)
        elif field in table and field != "created_on":
            hits = list(map(index.get, table[field], repeat(-1)))
        else:
            continue
        columns = np.array(hits, dtype=np.intp)
        rows = np.flatnonzero(columns >= 0)
        x[rows, columns[rows]] = 1.0
    return x


def _sizes(amounts: Sequence[float | None], edges: Sequence[Decimal], index: Mapping[str, int]) -> list[int]:
    """Each amount's size-bucket column (-1 for none), bucketed as `size_label` buckets its Decimal."""
    if not edges or list(edges) != sorted(set(edges)) or any(Decimal(str(float(e))) != e for e in edges):
        return [-1 if a is None else index.get(size_label(Decimal(str(a)), edges), -1) for a in amounts]
    # An amount's Decimal is its shortest repr, which orders floats as the floats order: against edges that
    # are such reprs themselves, comparing floats buckets as comparing Decimals does, for a team's thousands.
    labels = [index.get(size_label(e, edges), -1) for e in (Decimal("-Infinity"), *edges)]
    filled = np.array([np.nan if a is None else a for a in amounts], dtype=float)
    position = (filled[:, None] >= np.array([float(e) for e in edges])).sum(axis=1)
    return [-1 if a is None else labels[p] for a, p in zip(amounts, position.tolist(), strict=True)]
