"""Who really moves decisions at an account: an explainable PageRank over reporting lines and influence."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from operator import mul, sub

from domain.entities import Contact, ContactLink
from domain.graph.links import INFLUENCES, REPORTS_TO, known_links, strength_of

# Weight flows to whoever moves the other's decision: from a report up to the boss, and from the
# person being swayed to the one who sways them (an influencer borrows the weight of whom she sways).
DIRECT_REPORT = "direct_report"  # the other person reports to the ranked one
SWAYS = "sways"  # the ranked person influences the other
DAMPING = 0.85
TOLERANCE = 1e-9  # total change in scores (which sum to 1) below which the ranking has settled
MAX_ROUNDS = 200


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
class _Flow:
    """Weight passing from one person to another along a tie."""

    src: int
    dst: int
    via: str
    strength: int


def influence_ranking(contacts: Sequence[Contact], links: Sequence[ContactLink], *,
                      damping: float = DAMPING, top: int = 3) -> list[Ranked]:
    """Rank the people on a map by influence, most influential first, each with their top contributing ties."""
    ids = sorted(c.id for c in contacts)
    if not ids:
        return []
    index = {cid: i for i, cid in enumerate(ids)}
    flows = _flows(known_links(links, ids), index)
    out = _out_strength(flows, len(ids))
    into: list[list[_Flow]] = [[] for _ in ids]
    for f in flows:
        into[f.dst].append(f)
    incoming = [([f.src for f in fs], [f.strength / out[f.src] for f in fs]) for fs in into]
    dangling = [i for i in range(len(ids)) if not out[i]]
    scores, base = _iterate(_prior(contacts, index), incoming, dangling, damping)
    importance = {c.id: c.importance for c in contacts}
    order = sorted(range(len(ids)), key=lambda i: (-round(scores[i], 12), -importance[ids[i]], ids[i]))
    best = scores[order[0]] or 1.0
    return [_explain(rank, i, ids, scores, base[i], into[i], out, damping, best, top)
            for rank, i in enumerate(order, start=1)]


def _flows(links: Sequence[ContactLink], index: dict[int, int]) -> list[_Flow]:
    """Reporting lines carry weight up to the boss; influence carries it to the influencer."""
    flows = []
    for lk in links:
        if lk.kind == REPORTS_TO:
            flows.append(_Flow(index[lk.from_id], index[lk.to_id], DIRECT_REPORT, strength_of(lk)))
        elif lk.kind == INFLUENCES:
            flows.append(_Flow(index[lk.to_id], index[lk.from_id], SWAYS, strength_of(lk)))
    return flows


def _prior(contacts: Sequence[Contact], index: dict[int, int]) -> list[float]:
    """Where attention lands without ties: in proportion to each person's importance."""
    weights = [0.0] * len(index)
    for c in contacts:
        weights[index[c.id]] = float(min(5, max(1, c.importance)))
    total = sum(weights)
    return [w / total for w in weights]


def _out_strength(flows: Sequence[_Flow], n: int) -> list[float]:
    """How much tie strength each person passes on in total (zero at the top of each tree)."""
    out = [0.0] * n
    for f in flows:
        out[f.src] += f.strength
    return out


def _iterate(prior: list[float], incoming: list[tuple[list[int], list[float]]], dangling: list[int],
             damping: float) -> tuple[list[float], list[float]]:
    """Power iteration until the scores settle; returns the scores and each person's own (untied) part."""
    scores, base = prior[:], prior[:]
    for _ in range(MAX_ROUNDS):
        keep = 1.0 - damping + damping * sum(map(scores.__getitem__, dangling))
        base = [keep * p for p in prior]
        get = scores.__getitem__
        new = [b + damping * sum(map(mul, map(get, srcs), ws)) if srcs else b
               for b, (srcs, ws) in zip(base, incoming, strict=True)]
        delta = sum(map(abs, map(sub, new, scores)))
        scores = new
        if delta < TOLERANCE:
            break
    return scores, base


def _explain(rank: int, i: int, ids: list[int], scores: list[float], base: float, into: Sequence[_Flow],
             out: list[float], damping: float, best: float, top: int) -> Ranked:
    """A person's rank with the ties that bring the most of their score, largest first."""
    shares = [(damping * scores[f.src] * f.strength / out[f.src] / scores[i], f) for f in into]
    shares.sort(key=lambda sf: (-round(sf[0], 12), ids[sf[1].src]))
    because = tuple(Contribution(ids[f.src], f.via, f.strength, share) for share, f in shares[:top])
    return Ranked(ids[i], rank, scores[i], scores[i] / best, base / scores[i], because,
                  sum(f.via == DIRECT_REPORT for f in into), sum(f.via == SWAYS for f in into))
