"""The way in: the strongest chain of introductions from someone on our side to the person we need."""

from __future__ import annotations

import heapq
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import count
from typing import NamedTuple

from domain.entities import Contact, ContactLink
from domain.graph.links import MAX_STRENGTH, OPPONENT, SUPPORTER, known_links, rival_pairs, strength_of

COLLEAGUE = "colleague"  # a rep of ours who knows the contact; strength is their closeness
MIN_STRENGTH = 0.05  # a way in weaker than this (e.g. six hops of strength 3) is not worth asking for
HOP_TIE_BREAK = 1e-9  # between two equally strong ways in, the one with fewer introductions wins
_PREFERENCE = {"ally": 0, "knows": 1, "reports_to": 2, "influences": 3}

Node = int | str  # a contact id, or one of our reps by Slack id


@dataclass(frozen=True)
class Hop:
    """One introduction: who (a contact, or a rep of ours) opens the door to whom, over which tie."""

    from_contact: int | None
    from_rep: str | None
    to_contact: int
    kind: str  # knows / ally / reports_to / influences / colleague
    reverse: bool  # the tie is recorded from `to` to `from` (e.g. `to` reports to `from`)
    strength: int


@dataclass(frozen=True)
class Path:
    """The way to a person, hop by hop; strength is the product of each hop's strength out of 5."""

    target_id: int
    hops: tuple[Hop, ...]
    strength: float

    @property
    def start_rep(self) -> str | None:
        """The rep of ours the way starts with, if it starts with a colleague rather than a supporter."""
        return self.hops[0].from_rep if self.hops else None

    @property
    def entry(self) -> int | None:
        """The first customer contact we ask: the supporter we start from, or the one our rep knows."""
        if not self.hops:
            return None
        first = self.hops[0]
        return first.from_contact if first.from_rep is None else first.to_contact


class _Edge(NamedTuple):
    """A usable tie as seen from one end: the other end, its cost, and how it was recorded."""

    other: Node
    cost: float
    kind: str
    origin: Node
    strength: int


@dataclass(frozen=True)
class RelationshipGraph:
    """Everyone on a map with the ties a door can be opened over; build once, ask many paths."""

    adjacency: Mapping[Node, tuple[_Edge, ...]]
    starts: frozenset[Node]  # supporters and our reps: where a way in can begin
    relays: frozenset[int]  # contacts who would pass an introduction on (not opponents, not do-not-contact)

    @classmethod
    def build(cls, contacts: Sequence[Contact], links: Sequence[ContactLink],
              rep_ties: Mapping[str, Mapping[int, int]]) -> RelationshipGraph:
        """The map of who can introduce whom: rivals never, every other tie both ways at its strongest."""
        ids = {c.id for c in contacts}
        adjacency: dict[Node, list[_Edge]] = {}
        for a, b, kind, origin, strength in _ties(links, ids, rep_ties):
            cost = -math.log(strength / MAX_STRENGTH) + HOP_TIE_BREAK
            adjacency.setdefault(a, []).append(_Edge(b, cost, kind, origin, strength))
            adjacency.setdefault(b, []).append(_Edge(a, cost, kind, origin, strength))
        usable = {c.id for c in contacts if not c.do_not_contact}
        starts = {c.id for c in contacts if c.stance == SUPPORTER and c.id in usable} | set(rep_ties)
        relays = {c.id for c in contacts if c.stance != OPPONENT and c.id in usable}
        return cls({k: tuple(v) for k, v in adjacency.items()}, frozenset(starts), frozenset(relays))

    def path_to(self, target: int, *, min_strength: float = MIN_STRENGTH) -> Path | None:
        """The strongest way in to a person, or None when nobody on our side reaches them strongly enough."""
        dist: dict[Node, float] = {target: 0.0}
        toward: dict[Node, tuple[Node, _Edge]] = {}
        tick, push, pop, bound = count(), heapq.heappush, heapq.heappop, -math.log(min_strength)
        heap: list[tuple[float, int, Node]] = [(0.0, next(tick), target)]
        while heap:
            d, _, node = pop(heap)
            if d > dist[node]:
                continue
            if node in self.starts:
                return _trace(node, toward, target)
            if node != target and node not in self.relays:
                continue
            for edge in self.adjacency.get(node, ()):
                nd = d + edge[1]
                if nd <= bound and nd < dist.get(edge[0], math.inf):
                    dist[edge[0]] = nd
                    toward[edge[0]] = (node, edge)
                    push(heap, (nd, next(tick), edge[0]))
        return None


def introduction_path(target: int, contacts: Sequence[Contact], links: Sequence[ContactLink],
                      rep_ties: Mapping[str, Mapping[int, int]]) -> Path | None:
    """The strongest way in to one person (for many questions, build a RelationshipGraph once)."""
    return RelationshipGraph.build(contacts, links, rep_ties).path_to(target)


def _ties(links: Sequence[ContactLink], ids: set[int], rep_ties: Mapping[str, Mapping[int, int]]
          ) -> list[tuple[Node, Node, str, Node, int]]:
    """The strongest usable tie per pair of people, plus each rep's ties to the contacts they know."""
    rivals = rival_pairs(links)
    best: dict[frozenset[int], tuple[int, int, ContactLink]] = {}
    for lk in known_links(links, ids):
        pair = frozenset((lk.from_id, lk.to_id))
        if lk.kind not in _PREFERENCE or pair in rivals:
            continue
        rank = (strength_of(lk), -_PREFERENCE[lk.kind])
        if pair not in best or rank > best[pair][:2]:
            best[pair] = (*rank, lk)
    ties: list[tuple[Node, Node, str, Node, int]] = [
        (lk.from_id, lk.to_id, lk.kind, lk.from_id, s) for s, _, lk in best.values()]
    for rep in sorted(rep_ties):
        ties += [(rep, cid, COLLEAGUE, rep, min(MAX_STRENGTH, closeness))
                 for cid, closeness in sorted(rep_ties[rep].items()) if cid in ids and closeness >= 1]
    return ties


def _trace(start: Node, toward: Mapping[Node, tuple[Node, _Edge]], target: int) -> Path:
    """Walk from where the way in begins to the target, one introduction at a time."""
    hops, node, strength = [], start, 1.0
    while node != target:
        nxt, edge = toward[node]
        rep = node if isinstance(node, str) else None
        hops.append(Hop(None if rep else int(node), rep, int(nxt), edge.kind, edge.origin != node, edge.strength))
        strength *= edge.strength / MAX_STRENGTH
        node = nxt
    return Path(target, tuple(hops), strength)
