"""Deal health: green, amber or red, with the reasons a manager reads."""

from datetime import date, timedelta

from domain.control_points import POINT_KEYS
from domain.deal_health import AMBER, GREEN, RED, DealHealth, KeyPerson, deal_health
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
