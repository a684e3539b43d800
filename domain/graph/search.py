"""How strong the best way in can be: a search from both ends at once, to bound the exact search in `paths`.

Searching only from the target explores everyone who is cheaper to reach than the best way in. When our side is
small (one rep, a few supporters), that is most of the graph, because strength-5 hops cost almost nothing. Growing
a second search from our side until the two meet finds the cost of the best way in after exploring two small balls;
what the second search learned (each explored person's exact cost to our side, and a floor for everyone else) then
lets the search from the target skip everyone who cannot be on a way in that good.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import count
from typing import NamedTuple

Node = int | str  # a contact id, or one of our reps by Slack id
SLACK = 1e-11  # well above float rounding over a long path, far below HOP_TIE_BREAK


class Edge(NamedTuple):
    """A usable tie as seen from one end: the other end, its cost, and how it was recorded."""

    other: Node
    cost: float
    kind: str
    origin: Node
    strength: int


class Bound(NamedTuple):
    """What the two-ended search learned: the best cost, and for anyone a floor on their cost to reach our side."""

    cost: float  # the cheapest way in (math.inf when there is none within the limit)
    to_start: Mapping[Node, float]  # exact cost to our side, for those the search from our side settled
    beyond: float  # nobody else reaches our side for less than this


@dataclass
class _Side:
    """One end of the search: tentative costs, the queue, and who is settled (with their exact cost)."""

    cost: dict[Node, float]
    queue: list[tuple[float, int, Node]]
    settled: dict[Node, float] = field(default_factory=dict)

    def top(self) -> float:
        return self.queue[0][0] if self.queue else math.inf


def best_way_in(adjacency: Mapping[Node, Sequence[Edge]], starts: Collection[Node],
                relays: Collection[Node], target: Node, limit: float) -> Bound:
    """Search from the target and from our side (supporters, reps) at once until no cheaper meeting is possible.

    A way in runs target → relays → a start; relays pass introductions on, and a way in ends at the first start.
    `limit` is the dearest way in worth finding (the caller adds SLACK to its own limit).
    """
    tick = count()
    ours = _Side(dict.fromkeys(starts, 0.0), [(0.0, next(tick), s) for s in starts])
    heapq.heapify(ours.queue)
    theirs = _Side({target: 0.0}, [(0.0, next(tick), target)])

    def onward(node: Node) -> bool:  # from the target's side: the target, or a relay who is not a start
        return node == target or (node in relays and node not in starts)

    def backward(node: Node) -> bool:  # from our side: a start, or a relay who would pass it on
        return node in starts or node in relays

    def meets(node: Node) -> bool:  # both halves can join here
        return node in relays or node in starts or node == target

    best = math.inf
    while ours.queue and theirs.queue and ours.top() + theirs.top() < min(best, limit):
        if len(theirs.queue) <= len(ours.queue):
            best = _scan(theirs, ours, adjacency, onward, meets, limit, best, tick)
        else:
            best = _scan(ours, theirs, adjacency, backward, meets, limit, best, tick)
    return Bound(best, ours.settled, ours.top())


def _scan(side: _Side, other: _Side, adjacency: Mapping[Node, Sequence[Edge]],
          expands: Callable[[Node], bool], meets: Callable[[Node], bool], limit: float, best: float,
          tick: Iterator[int]) -> float:
    """Settle the cheapest person on one side, relax their ties, and return the cheapest meeting found so far."""
    d, _, node = heapq.heappop(side.queue)
    if node in side.settled:
        return best
    side.settled[node] = d
    if not expands(node):
        return best
    for edge in adjacency.get(node, ()):
        other_end, nd = edge[0], d + edge[1]
        if nd > limit or nd >= side.cost.get(other_end, math.inf):
            continue
        side.cost[other_end] = nd
        heapq.heappush(side.queue, (nd, next(tick), other_end))
        if other_end in other.cost and meets(other_end):
            best = min(best, nd + other.cost[other_end])
    return best
