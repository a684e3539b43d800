"""The way in to a person: the strongest chain of introductions, and who in our team knows them best."""

import heapq
import math
import random
from dataclasses import replace
from datetime import date
from itertools import count
from typing import Any

from domain.entities import Contact, ContactLink, Interaction
from domain.graph import Hop, Path, RelationshipGraph, introduction_path, who_knows_best

MENG = Contact(1, "孟行长", importance=5)
LI = Contact(2, "李娜", stance="supporter", closeness=4)
ZHOU = Contact(3, "周处长")
GRACE = Contact(4, "Grace Wu")
HAN = Contact(5, "韩冰", stance="opponent")
PEOPLE = [MENG, LI, ZHOU, GRACE, HAN]


def _tie(a: Contact, kind: str, b: Contact, strength: int = 3, link_id: int = 0) -> ContactLink:
    return ContactLink(link_id or a.id * 100 + b.id, a.id, kind, b.id, strength)


def test_the_path_prefers_two_strong_hops_over_one_weak_one() -> None:
    links = [_tie(LI, "knows", MENG, 1), _tie(LI, "ally", ZHOU, 5), _tie(ZHOU, "reports_to", MENG, 5)]
    path = introduction_path(MENG.id, PEOPLE, links, {})
    assert path is not None
    assert [(h.from_contact, h.to_contact) for h in path.hops] == [(LI.id, ZHOU.id), (ZHOU.id, MENG.id)]
    assert path.strength == 1.0 and path.entry == LI.id


def test_between_equally_strong_ways_the_shorter_one_wins() -> None:
    links = [_tie(LI, "knows", MENG, 5), _tie(LI, "ally", ZHOU, 5), _tie(ZHOU, "reports_to", MENG, 5)]
    path = introduction_path(MENG.id, PEOPLE, links, {})
    assert path is not None and len(path.hops) == 1


def test_a_rival_link_is_never_a_path_hop() -> None:
    links = [_tie(LI, "rival", MENG, 5), _tie(LI, "knows", GRACE, 2), _tie(GRACE, "knows", MENG, 2)]
    path = introduction_path(MENG.id, PEOPLE, links, {})
    assert path is not None and [h.to_contact for h in path.hops] == [GRACE.id, MENG.id]
    assert introduction_path(MENG.id, PEOPLE, [_tie(LI, "rival", MENG, 5)], {}) is None


def test_rivals_will_not_introduce_each_other_even_if_they_also_know_each_other() -> None:
    links = [_tie(LI, "rival", MENG, 5), _tie(MENG, "knows", LI, 5, link_id=2)]
    assert introduction_path(MENG.id, PEOPLE, links, {}) is None


def test_an_opponent_does_not_pass_an_introduction_on() -> None:
    links = [_tie(LI, "ally", HAN, 5), _tie(HAN, "influences", MENG, 5)]
    assert introduction_path(MENG.id, PEOPLE, links, {}) is None


def test_each_hop_says_how_the_two_know_each_other() -> None:
    path = introduction_path(MENG.id, PEOPLE, [_tie(MENG, "reports_to", ZHOU, 4), _tie(LI, "knows", ZHOU, 5)], {})
    assert path is not None
    first, second = path.hops
    assert (first.kind, first.reverse, first.strength) == ("knows", False, 5)
    assert (second.kind, second.reverse, second.strength) == ("reports_to", True, 4)  # 孟行长 reports to 周处长
    assert abs(path.strength - 0.8) < 1e-9


def test_a_colleague_who_knows_the_target_well_starts_the_path() -> None:
    links = [_tie(LI, "knows", MENG, 2)]
    path = introduction_path(MENG.id, PEOPLE, links, {"U_AMY": {MENG.id: 5}})
    assert path is not None and path.start_rep == "U_AMY" and path.entry == MENG.id
    assert path.hops[0].kind == "colleague" and path.hops[0].from_contact is None


def test_a_colleague_can_reach_the_target_through_a_contact_they_know() -> None:
    others = [MENG, ZHOU]
    path = introduction_path(MENG.id, others, [_tie(ZHOU, "knows", MENG, 4)], {"U_BOB": {ZHOU.id: 5}})
    assert path is not None and path.start_rep == "U_BOB" and path.entry == ZHOU.id


def test_a_supporter_needs_no_introduction() -> None:
    path = introduction_path(LI.id, PEOPLE, [], {})
    assert path is not None and path.hops == () and path.strength == 1.0


def test_nobody_on_our_side_means_no_way_in() -> None:
    assert introduction_path(MENG.id, [MENG, ZHOU], [_tie(ZHOU, "knows", MENG)], {}) is None
    assert introduction_path(999, PEOPLE, [], {}) is None


def test_a_built_graph_answers_many_questions_the_same_way() -> None:
    links = [_tie(LI, "knows", MENG, 4), _tie(LI, "knows", GRACE, 3)]
    graph = RelationshipGraph.build(PEOPLE, links, {})
    assert graph.path_to(MENG.id) == introduction_path(MENG.id, PEOPLE, links, {})
    assert graph.path_to(GRACE.id) is not None


def _met(iid: int, rep: str, on: date, *who: int) -> Interaction:
    return Interaction(iid, rep, on, "meal", "…", contact_ids=who)


def test_who_knows_best_puts_closeness_first_then_recent_touches() -> None:
    ties = {"U_AMY": {MENG.id: 4}, "U_BOB": {MENG.id: 4}, "U_CAT": {MENG.id: 2}}
    touches = {"U_AMY": [_met(1, "U_AMY", date(2026, 6, 1), MENG.id)],
               "U_BOB": [_met(2, "U_BOB", date(2027, 2, 1), MENG.id), _met(3, "U_BOB", date(2027, 2, 20), MENG.id)],
               "U_DAN": [_met(4, "U_DAN", date(2027, 2, 25), MENG.id, ZHOU.id)]}
    best = who_knows_best(MENG.id, ties, touches, today=date(2027, 3, 1))
    assert [t.rep_slack_id for t in best] == ["U_BOB", "U_AMY", "U_CAT", "U_DAN"]
    assert best[0].recent_touches == 2 and best[0].last_touch == date(2027, 2, 20)
    assert best[1].recent_touches == 0 and best[3].closeness == 0


def test_nobody_in_the_team_knows_a_stranger() -> None:
    assert who_knows_best(MENG.id, {"U_AMY": {ZHOU.id: 5}}, {}) == []


def _reference_path(graph: RelationshipGraph, target: int, min_strength: float = 0.05) -> Path | None:
    """The plain search the graph used before: Dijkstra from the target until the first start is settled."""
    dist: dict[int | str, float] = {target: 0.0}
    toward: dict[int | str, tuple[int | str, Any]] = {}
    tick, bound = count(), -math.log(min_strength)
    heap: list[tuple[float, int, int | str]] = [(0.0, next(tick), target)]
    while heap:
        d, _, node = heapq.heappop(heap)
        if d > dist[node]:
            continue
        if node in graph.starts:
            hops, at = [], node
            while at != target:
                nxt, edge = toward[at]
                rep = at if isinstance(at, str) else None
                hops.append(Hop(None if rep else int(at), rep, int(nxt), edge.kind, edge.origin != at, edge.strength))
                at = nxt
            return Path(target, tuple(hops), math.prod(h.strength / 5 for h in hops))
        if node != target and node not in graph.relays:
            continue
        for edge in graph.adjacency.get(node, ()):
            nd = d + edge.cost
            if nd <= bound and nd < dist.get(edge.other, math.inf):
                dist[edge.other], toward[edge.other] = nd, (node, edge)
                heapq.heappush(heap, (nd, next(tick), edge.other))
    return None


def _random_graph(size: int, seed: int) -> RelationshipGraph:
    rnd = random.Random(seed)
    stances = ("supporter", "opponent", "neutral", "unknown")
    people = [Contact(cid, f"p{cid}", stance=rnd.choices(stances, (3, 7, 40, 50))[0],
                      do_not_contact=rnd.random() < 0.02) for cid in range(1, size + 1)]
    kinds = ("knows", "knows", "ally", "reports_to", "influences", "rival")
    links = [ContactLink(i, rnd.randint(1, size), rnd.choice(kinds), rnd.randint(1, size), rnd.randint(1, 5))
             for i in range(1, 4 * size)]
    reps = {f"U{r}": {rnd.randint(1, size): rnd.randint(1, 5) for _ in range(10)} for r in range(5)}
    return RelationshipGraph.build(people, links, reps)


def test_the_search_finds_exactly_the_way_in_the_plain_search_finds() -> None:
    graph = _random_graph(3_000, seed=3)
    rnd = random.Random(4)
    supporters = sorted(s for s in graph.starts if isinstance(s, int))
    sides = [graph.starts, frozenset({"U0"}), frozenset(supporters[:3]), frozenset({"U1", supporters[0]})]
    for starts in sides:
        narrowed = replace(graph, starts=starts)
        for target in rnd.sample(range(1, 3_001), 40):
            for floor in (0.05, 0.3, 0.01):
                assert narrowed.path_to(target, min_strength=floor) == _reference_path(narrowed, target, floor)


def test_between_two_ties_of_a_pair_the_stronger_then_the_preferred_kind_is_the_hop() -> None:
    links = [_tie(LI, "knows", MENG, 3, 1), _tie(MENG, "ally", LI, 3, 2), _tie(LI, "influences", MENG, 2, 3)]
    path = introduction_path(MENG.id, PEOPLE, links, {})
    assert path is not None and [(h.kind, h.strength) for h in path.hops] == [("ally", 3)]
