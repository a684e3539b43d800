"""Who really moves decisions at an account: an explainable PageRank over reporting lines and influence."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from domain.entities import Contact, ContactLink
from domain.graph.links import INFLUENCES, MAX_STRENGTH, REPORTS_TO

# Weight flows to whoever moves the other's decision: from a report up to the boss, and from the
# person being swayed to the one who sways them (an influencer borrows the weight of whom she sways).
DIRECT_REPORT = "direct_report"  # the other person reports to the ranked one
SWAYS = "sways"  # the ranked person influences the other
DAMPING = 0.85
TOLERANCE = 1e-9  # total change in scores (which sum to 1) below which the ranking has settled
MAX_ROUNDS = 200

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Contribution:
    """One tie that lifts a person's rank: who is on the other end, how, and what share of the score it brings."""

    contact_id: int
    via: str  # DIRECT_REPORT or SWAYS
    strength: int
    share: float


@dataclass(frozen=True)
class Ranked:
    """A person's place in the account's power map, with the ties that put them there."""

    contact_id: int
    rank: int
    score: float  # the scores of one map sum to 1
    relative: float  # score / the top score, so the most influential person is 1.0
    own: float  # share of the score from their own importance rather than from ties
    because: tuple[Contribution, ...]
    direct_reports: int
    sways: int


@dataclass(frozen=True)
class _Flows:
    """Weight passing along ties, one entry per tie in the map's stable tie order (positions, not contact ids)."""

    src: Ints
    dst: Ints
    strength: Ints
    sways: npt.NDArray[np.bool_]  # True for SWAYS, False for DIRECT_REPORT


def influence_ranking(contacts: Sequence[Contact], links: Sequence[ContactLink], *,
                      damping: float = DAMPING, top: int = 3) -> list[Ranked]:
    """Rank the people on a map by influence, most influential first, each with their top contributing ties."""
    ids = sorted(c.id for c in contacts)
    if not ids:
        return []
    index = {cid: i for i, cid in enumerate(ids)}
    flows = _flows(links, index)
    out = np.asarray(np.bincount(flows.src, weights=flows.strength, minlength=len(ids)), dtype=np.float64)
    scores, base = _iterate(_prior(contacts, index), flows, out, damping)
    importance = {c.id: c.importance for c in contacts}
    rounded = np.array([round(s, 12) for s in scores.tolist()])
    order = np.lexsort((np.array(ids), -np.array([importance[cid] for cid in ids]), -rounded)).tolist()
    lift = damping * scores[flows.src] * flows.strength / out[flows.src]  # what each tie passes on, as before
    return _explain(order, ids, scores, base, flows, lift, top)


def _flows(links: Sequence[ContactLink], index: dict[int, int]) -> _Flows:
    """Reporting lines carry weight up to the boss; influence carries it to the influencer.

    Ties are kept in the order of `known_links` (from, to, kind, id), so sums and ties break as they always have.
    """
    rows = [(index[lk.from_id], index[lk.to_id], lk.kind == INFLUENCES, lk.id, lk.strength) for lk in links
            if (lk.kind == REPORTS_TO or lk.kind == INFLUENCES)
            and lk.from_id in index and lk.to_id in index and lk.from_id != lk.to_id]
    table = np.array(rows, dtype=np.int64).reshape(-1, 5)
    frm, to, sways, link_id, strength = table.T
    table = table[np.lexsort((link_id, ~sways.astype(bool), to, frm))]  # "influences" sorts before "reports_to"
    frm, to, sways, _, strength = table.T
    swayed = sways.astype(bool)
    return _Flows(np.where(swayed, to, frm), np.where(swayed, frm, to), np.clip(strength, 1, MAX_STRENGTH), swayed)


def _prior(contacts: Sequence[Contact], index: dict[int, int]) -> Floats:
    """Where attention lands without ties: in proportion to each person's importance."""
    weights = [0.0] * len(index)
    for c in contacts:
        weights[index[c.id]] = float(min(5, max(1, c.importance)))
    total = sum(weights)
    return np.array([w / total for w in weights])


def _in_order_sum(values: Floats) -> float:
    """A left-to-right sum (as Python's sum adds), so scores do not depend on numpy's pairwise summation."""
    return float(np.cumsum(values)[-1]) if len(values) else 0.0


def _iterate(prior: Floats, flows: _Flows, out: Floats, damping: float) -> tuple[Floats, Floats]:
    """Power iteration until the scores settle; returns the scores and each person's own (untied) part."""
    weights = flows.strength / out[flows.src]
    dangling = np.flatnonzero(out == 0)
    scores, base = prior.copy(), prior.copy()
    for _ in range(MAX_ROUNDS):
        keep = 1.0 - damping + damping * _in_order_sum(scores[dangling])
        base = keep * prior
        # bincount adds each person's incoming ties in tie order, exactly as summing them one by one would
        new = base + damping * np.bincount(flows.dst, weights=scores[flows.src] * weights, minlength=len(prior))
        delta = _in_order_sum(np.abs(new - scores))
        scores = new
        if delta < TOLERANCE:
            break
    return scores, base


def _explain(order: list[int], ids: list[int], scores: Floats, base: Floats, flows: _Flows, lift: Floats,
             top: int) -> list[Ranked]:
    """Each person's rank with the ties that bring the most of their score, largest first."""
    n = len(ids)
    sways = np.bincount(flows.dst, weights=flows.sways, minlength=n).astype(np.int64).tolist()
    reports = (np.bincount(flows.dst, minlength=n) - sways).tolist()
    because = _because(ids, flows, lift / scores[flows.dst], top)
    score, own = scores.tolist(), base.tolist()
    best = score[order[0]] or 1.0
    return [Ranked(ids[i], rank, score[i], score[i] / best, own[i] / score[i], because[i], reports[i], sways[i])
            for rank, i in enumerate(order, start=1)]


def _because(ids: list[int], flows: _Flows, share: Floats, top: int) -> list[tuple[Contribution, ...]]:
    """Per person, the `top` ties bringing the largest shares of their score (ties in share: lower contact id first)."""
    by_dst = np.argsort(flows.dst, kind="stable")
    ends = np.cumsum(np.bincount(flows.dst, minlength=len(ids))).tolist()
    shares, strength = share[by_dst].tolist(), flows.strength[by_dst].tolist()
    who = np.array(ids)[flows.src[by_dst]].tolist()
    via = [SWAYS if s else DIRECT_REPORT for s in flows.sways[by_dst].tolist()]
    because: list[tuple[Contribution, ...]] = []
    lo = 0
    for hi in ends:
        if hi == lo or not top:
            because.append(())
        elif hi - lo == 1:
            because.append((Contribution(who[lo], via[lo], strength[lo], shares[lo]),))
        else:
            tied = sorted(range(lo, hi), key=lambda k: (-round(shares[k], 12), who[k]))[:top]
            because.append(tuple([Contribution(who[k], via[k], strength[k], shares[k]) for k in tied]))
        lo = hi
    return because
