"""The way in: the strongest chain of introductions from someone on our side to the person we need."""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import count

from domain.entities import Contact, ContactLink
from domain.graph.links import MAX_STRENGTH, OPPONENT, RIVAL, SUPPORTER, known_links, strength_of
from domain.graph.search import SLACK, Bound, Node, best_way_in
from domain.graph.search import Edge as _Edge

COLLEAGUE = "colleague"  # a rep of ours who knows the contact; strength is their closeness
MIN_STRENGTH = 0.05  # a way in weaker than this (e.g. six hops of strength 3) is not worth asking for
HOP_TIE_BREAK = 1e-9  # between two equally strong ways in, the one with fewer introductions wins
_PREFERENCE = {"ally": 0, "knows": 1, "reports_to": 2, "influences": 3}
_COST = {s: -math.log(s / MAX_STRENGTH) + HOP_TIE_BREAK for s in range(1, MAX_STRENGTH + 1)}  # per hop strength


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
        adjacency: defaultdict[Node, list[_Edge]] = defaultdict(list)
        edge = tuple.__new__  # builds the named tuple without its Python-level constructor; build is hot
        for a, b, kind, origin, strength in _ties(links, ids, rep_ties):
            cost = _COST[strength]
            adjacency[a].append(edge(_Edge, (b, cost, kind, origin, strength)))
            adjacency[b].append(edge(_Edge, (a, cost, kind, origin, strength)))
        usable = {c.id for c in contacts if not c.do_not_contact}
        starts = {c.id for c in contacts if c.stance == SUPPORTER and c.id in usable} | set(rep_ties)
        relays = {c.id for c in contacts if c.stance != OPPONENT and c.id in usable}
        return cls({k: tuple(v) for k, v in adjacency.items()}, frozenset(starts), frozenset(relays))

    def path_to(self, target: int, *, min_strength: float = MIN_STRENGTH) -> Path | None:
        """The strongest way in to a person, or None when nobody on our side reaches them strongly enough."""
        if target in self.starts:
            return Path(target, (), 1.0)
        limit = -math.log(min_strength)
        best = best_way_in(self.adjacency, self.starts, self.relays, target, limit + SLACK)
        return self._search(target, limit, best) if best.cost <= limit + SLACK else None

    def _search(self, target: int, limit: float, best: Bound) -> Path | None:
        """Dijkstra from the target to the first start settled, skipping whoever cannot be on a way in as good as
        `best` (so the way in, and which of equally strong ways wins, are those of the plain search)."""
        dist: dict[Node, float] = {target: 0.0}
        toward: dict[Node, tuple[Node, _Edge]] = {}
        tick, push, pop = count(), heapq.heappush, heapq.heappop
        to_start, beyond, worst = best.to_start, best.beyond, best.cost + SLACK
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
                if nd <= limit and nd < dist.get(edge[0], math.inf) and nd + to_start.get(edge[0], beyond) <= worst:
                    dist[edge[0]] = nd
                    toward[edge[0]] = (node, edge)
                    push(heap, (nd, next(tick), edge[0]))
        return None


def introduction_path(target: int, contacts: Sequence[Contact], links: Sequence[ContactLink],
                      rep_ties: Mapping[str, Mapping[int, int]]) -> Path | None:
    """The strongest way in to one person (for many questions, build a RelationshipGraph once)."""
    return RelationshipGraph.build(contacts, links, rep_ties).path_to(target)


def _ties(links: Sequence[ContactLink], ids: set[int], rep_ties: Mapping[str, Mapping[int, int]]
          ) -> Iterator[tuple[Node, Node, str, Node, int]]:
    """The strongest usable tie per pair of people, plus each rep's ties to the contacts they know."""
    for lk in _strongest(links, ids):
        yield lk.from_id, lk.to_id, lk.kind, lk.from_id, strength_of(lk)
    for rep in sorted(rep_ties):
        for cid, closeness in sorted(rep_ties[rep].items()):
            if cid in ids and closeness >= 1:
                yield rep, cid, COLLEAGUE, rep, min(MAX_STRENGTH, closeness)


def _strongest(links: Sequence[ContactLink], ids: set[int]) -> list[ContactLink]:
    """Per pair of non-rivals, their strongest tie (then the preferred kind), pairs in the order first seen.

    Kept in flat lists and a dict of dicts rather than a dict of pair tuples: on a big map, every long-lived tuple
    is one more object for the garbage collector to walk while the graph is being built.
    """
    rivals = {(min(lk.from_id, lk.to_id), max(lk.from_id, lk.to_id)) for lk in links if lk.kind == RIVAL}
    chosen: list[ContactLink] = []
    ranks: list[int] = []
    slot: dict[int, dict[int, int]] = {}  # lower id → higher id → position in `chosen`
    for lk in known_links(links, ids):
        preference = _PREFERENCE.get(lk.kind)
        lo, hi = (lk.from_id, lk.to_id) if lk.from_id < lk.to_id else (lk.to_id, lk.from_id)
        if preference is None or (lo, hi) in rivals:
            continue
        rank = strength_of(lk) * len(_PREFERENCE) - preference  # stronger first, then the preferred kind
        row = slot.setdefault(lo, {})
        at = row.get(hi)
        if at is None:
            row[hi] = len(chosen)
            chosen.append(lk)
            ranks.append(rank)
        elif rank > ranks[at]:
            chosen[at], ranks[at] = lk, rank
    return chosen


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
