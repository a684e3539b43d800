"""The way in to a person: the strongest chain of introductions, and who in our team knows them best."""

from datetime import date

from domain.entities import Contact, ContactLink, Interaction
from domain.graph import RelationshipGraph, introduction_path, who_knows_best

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
