"""What to do this week at an account: gaps turned into next actions, most valuable first."""

from datetime import date

from domain.entities import ChainMember, Contact, ContactLink, Deal
from domain.graph import (
    Action,
    DecisionChain,
    RelationshipGraph,
    action_plan,
    coverage_gaps,
    influence_ranking,
)
from domain.graph.plan import (
    ASK_COACH,
    ASK_SUPPORTER,
    COLLEAGUE,
    DEEPEN,
    DIRECT,
    IDENTIFY_ROLE,
    INTRODUCTION,
    MEET,
    RECRUIT_COACH,
    TOUCH,
)

TODAY = date(2027, 3, 1)
DEAL = Deal(7, "核心系统升级", account_id=1, amount=5_000_000)
MENG = Contact(1, "孟行长", importance=5, closeness=3)
LI = Contact(2, "李娜", importance=3, closeness=4, stance="supporter")
ZHOU = Contact(3, "周处长", importance=3, closeness=3, stance="opponent")
FENG = Contact(4, "冯涛", importance=4, closeness=3)
WANG = Contact(5, "王工", importance=2, closeness=3)
PEOPLE = [MENG, LI, ZHOU, FENG, WANG]
LINKS = [ContactLink(1, MENG.id, "reports_to", ZHOU.id, 3), ContactLink(2, LI.id, "knows", MENG.id, 4),
         ContactLink(3, FENG.id, "reports_to", MENG.id, 3), ContactLink(4, WANG.id, "reports_to", FENG.id, 3)]
CHAIN = DecisionChain(DEAL, (ChainMember(1, DEAL.id, MENG.id, "decision_maker"),
                             ChainMember(2, DEAL.id, LI.id, "coach", stance="supporter")))


def _plan(touched: dict[int, date], *, chains: tuple[DecisionChain, ...] = (CHAIN,), limit: int = 10,
          rep_ties: dict[str, dict[int, int]] | None = None) -> list[Action]:
    gaps = coverage_gaps(PEOPLE, LINKS, chains, last_touch=touched, today=TODAY)
    return action_plan(gaps, contacts=PEOPLE, ranking=influence_ranking(PEOPLE, LINKS), deals=[DEAL],
                       chains=chains, graph=RelationshipGraph.build(PEOPLE, LINKS, rep_ties or {}), limit=limit)


def test_meet_the_unbacked_decision_maker_through_the_supporter_who_knows_him() -> None:
    first = _plan({MENG.id: TODAY, FENG.id: TODAY})[0]
    assert (first.rank, first.kind, first.target_id, first.deal_id) == (1, MEET, MENG.id, DEAL.id)
    assert (first.how, first.via_contact_id, first.via_closeness) == (INTRODUCTION, LI.id, 4)
    assert first.reasons == ("unbacked_decision_maker",) and first.fact("opponents") == 1
    assert first.path is not None and first.path.hops[-1].to_contact == MENG.id


def test_a_decision_maker_gap_comes_before_a_low_importance_touch() -> None:
    plan = _plan({MENG.id: TODAY, FENG.id: date(2026, 1, 1)})
    kinds = [(a.kind, a.target_id) for a in plan]
    assert kinds.index((MEET, MENG.id)) < kinds.index((TOUCH, FENG.id))
    meet, touch = plan[kinds.index((MEET, MENG.id))], plan[kinds.index((TOUCH, FENG.id))]
    assert meet.value.total > touch.value.total
    assert meet.value.importance == 5 and touch.value.importance == 4
    assert meet.value.influence > touch.value.influence  # 冯涛 reports to 孟行长


def test_the_value_is_importance_times_influence_times_deal_size_and_orders_the_plan() -> None:
    plan = _plan({MENG.id: TODAY, FENG.id: date(2026, 1, 1)})
    for a in plan:
        assert abs(a.value.total - a.value.importance * a.value.influence * a.value.amount_weight) < 1e-12
    assert [a.rank for a in plan] == list(range(1, len(plan) + 1))
    assert [a.value.total for a in plan] == sorted((a.value.total for a in plan), reverse=True)
    assert plan[0].value.amount_weight > 2.5  # a 5,000,000 deal weighs 1 + log10(51)


def test_a_person_in_several_gaps_gets_one_action_with_every_reason() -> None:
    cold = Contact(6, "Grace Wu", importance=5, closeness=1)
    gaps = coverage_gaps([cold], [], last_touch={}, today=TODAY)
    plan = action_plan(gaps, contacts=[cold], ranking=influence_ranking([cold], []))
    [action] = [a for a in plan if a.target_id == cold.id]
    assert action.kind == DEEPEN and action.reasons == ("low_closeness", "overdue_touch")
    assert action.fact("closeness") == 1 and action.fact("never_touched") == 1 and action.how == DIRECT


def test_a_missing_role_is_found_by_asking_the_coach() -> None:
    plan = _plan({MENG.id: TODAY, FENG.id: TODAY})
    economic = next(a for a in plan if a.kind == IDENTIFY_ROLE and a.role == "economic_buyer")
    assert (economic.how, economic.via_contact_id, economic.deal_id) == (ASK_COACH, LI.id, DEAL.id)


def test_an_account_without_a_coach_recruits_the_supporter_we_are_closest_to() -> None:
    plan = _plan({MENG.id: TODAY, FENG.id: TODAY}, chains=())
    [coach] = [a for a in plan if a.kind == RECRUIT_COACH]
    assert (coach.how, coach.via_contact_id, coach.via_closeness, coach.deal_id) == (ASK_SUPPORTER, LI.id, 4, None)


def test_a_colleague_who_knows_the_decision_maker_well_is_the_way_in() -> None:
    meet = _plan({MENG.id: TODAY, FENG.id: TODAY}, rep_ties={"U_AMY": {MENG.id: 5}})[0]
    assert (meet.kind, meet.how, meet.via_rep, meet.via_closeness) == (MEET, COLLEAGUE, "U_AMY", 5)


def test_the_plan_is_short() -> None:
    assert len(_plan({}, limit=3)) == 3
