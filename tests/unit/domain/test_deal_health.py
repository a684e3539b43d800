"""Deal health: green, amber or red, with the reasons a manager reads."""

import random
from datetime import date, timedelta

from domain.control_points import POINT_KEYS, known_tender_facts, six_points
from domain.deal_health import (
    AMBER,
    GREEN,
    RED,
    DealHealth,
    DealSignals,
    KeyPerson,
    colours,
    deal_health,
    judge,
    missing_roles,
    point_states,
    rhythm_days,
)
from domain.entities import ChainMember, ControlPoint, Deal
from domain.graph.chain import ROLES, DecisionChain

TODAY = date(2026, 12, 9)
DEAL = Deal(1, "数据中台二期", 1)
FULL_CHAIN = DecisionChain(DEAL, tuple(ChainMember(i, DEAL.id, i, role) for i, role in enumerate(ROLES, start=1)))
CHEN = KeyPerson(1, "陈思远", TODAY - timedelta(days=5), rhythm_days=14)  # the decision maker
ZHU = KeyPerson(2, "朱晓梅", TODAY - timedelta(days=10), rhythm_days=21)  # the economic buyer
EVERYONE_PITCHED = frozenset({1, 2})


def _points(**states: str) -> tuple[ControlPoint, ...]:
    return tuple(ControlPoint(k, states.get(k, "secured")) for k in POINT_KEYS)


def _health(points: tuple[ControlPoint, ...] = _points(), chain: DecisionChain = FULL_CHAIN,
            people: tuple[KeyPerson, ...] = (CHEN, ZHU), pitched: frozenset[int] | None = EVERYONE_PITCHED) -> DealHealth:
    return deal_health(points=points, chain=chain, key_people=people, pitched=pitched, today=TODAY)


def _codes(health: DealHealth) -> list[str]:
    return [r.code for r in health.reasons]


def test_fresh_touches_every_role_and_all_points_secured_is_green() -> None:
    health = _health()
    assert health.colour == GREEN and _codes(health) == ["on_track"]


def test_a_lost_control_point_makes_the_deal_red_and_says_which() -> None:
    health = _health(_points(budget_input="lost"))
    assert health.colour == RED
    assert health.reasons[0].code == "point_lost" and health.reasons[0].items == ("budget_input",)


def test_two_unknown_points_before_the_tender_make_it_amber() -> None:
    health = _health(_points(exchange_time="unknown", rfp_input="unknown"))
    assert health.colour == AMBER
    assert health.reasons[0].items == ("exchange_time", "rfp_input")


def test_one_unknown_point_before_the_tender_is_not_enough_for_amber() -> None:
    assert _health(_points(exchange_time="unknown")).colour == GREEN


def test_no_decision_maker_touched_in_twice_their_rhythm_is_red() -> None:
    cold = (KeyPerson(1, "陈思远", TODAY - timedelta(days=40), 14), KeyPerson(2, "朱晓梅", None, 21))
    health = _health(people=cold)
    assert health.colour == RED and _codes(health) == ["decision_makers_cold"]
    assert health.reasons[0].items == ("陈思远", "朱晓梅")


def test_one_decision_maker_past_their_rhythm_makes_it_amber_with_the_days() -> None:
    late = KeyPerson(2, "朱晓梅", TODAY - timedelta(days=30), 21)
    health = _health(people=(CHEN, late))
    assert health.colour == AMBER
    assert (health.reasons[0].code, health.reasons[0].items, health.reasons[0].days) == \
        ("decision_maker_overdue", ("朱晓梅",), 30)


def test_a_missing_role_makes_it_amber() -> None:
    chain = DecisionChain(DEAL, tuple(m for m in FULL_CHAIN.members if m.role != "coach"))
    health = _health(chain=chain)
    assert health.colour == AMBER and health.reasons[0].items == ("coach",)


def test_no_pitch_recorded_is_said_as_unknown_and_does_not_change_the_colour() -> None:
    health = _health(pitched=None)
    assert health.colour == GREEN and _codes(health) == ["on_track", "pitch_unknown"]


def test_a_decision_maker_who_has_not_heard_the_pitch_makes_it_amber() -> None:
    health = _health(pitched=frozenset({2}))
    assert health.colour == AMBER and health.reasons[0].items == ("陈思远",)


def _signals(rnd: random.Random) -> DealSignals:
    states = ("secured", "unknown", "at_risk", "lost")
    points = tuple((k, rnd.choice(states[:2]) if rnd.random() < 0.7 else rnd.choice(states)) for k in POINT_KEYS)
    people = tuple(KeyPerson(i, f"p{i}", None if rnd.random() < 0.1 else TODAY - timedelta(days=rnd.randrange(60)),
                             rnd.choice((14, 21, 30))) for i in range(rnd.randrange(3)))
    pitched = None if rnd.random() < 0.3 else frozenset(p.contact_id for p in people if rnd.random() < 0.5)
    return DealSignals(points, missing_roles(frozenset(rnd.sample(ROLES, rnd.randrange(len(ROLES) + 1)))),
                       people, pitched)


def test_the_pipeline_judging_alike_deals_once_gives_every_deal_the_colour_it_would_get_alone() -> None:
    deals = [_signals(random.Random(seed)) for seed in range(3_000)]
    found = colours(deals, TODAY)
    assert found == [judge(d, TODAY).colour for d in deals]
    assert set(found) == {GREEN, AMBER, RED}, "the sample reaches every colour"


def test_the_pipelines_points_read_as_rows_are_the_cards_six_points() -> None:
    rnd = random.Random(7)
    for _ in range(200):
        deal = Deal(1, "x", award_method=rnd.choice((None, "public_tender")), award_rule=rnd.choice((None, "lowest")),
                    evaluation_criteria=rnd.choice(((), ({"item": "技术", "weight": 60},))))
        recorded = {k: ControlPoint(k, rnd.choice(("secured", "at_risk", "lost"))) for k in POINT_KEYS
                    if rnd.random() < 0.3}
        known = frozenset(k for k, on in known_tender_facts(deal).items() if on)
        pairs = tuple(sorted((k, p.state) for k, p in recorded.items()))
        assert point_states(pairs, known) == tuple((p.key, p.state) for p in six_points(deal, recorded))


def test_roles_nobody_holds_are_the_chains_missing_roles_in_the_methods_order() -> None:
    chain = DecisionChain(DEAL, (ChainMember(1, 1, 1, "coach"), ChainMember(2, 1, 2, "decision_maker")))
    assert missing_roles(frozenset({"coach", "decision_maker"})) == chain.missing_roles()


def test_a_decision_makers_rhythm_is_the_cadence_tables_unless_the_rep_set_their_own() -> None:
    assert rhythm_days(5, "acquainted", None) == 14 and rhythm_days(1, "trusted", None) == 90
    assert rhythm_days(5, "acquainted", 45) == 45
