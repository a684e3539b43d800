"""Routing a presales request: the first matching rule picks the queue, the queue's policy picks the person."""

import pytest

from domain.routing import (
    Member,
    PolicyState,
    Queue,
    RequestFacts,
    RoutingRules,
    Rule,
    assignee,
    route,
)
from domain.working_hours import standard_calendar

CAL = standard_calendar("Asia/Shanghai")
EAST = Queue("solutions-east", "#presales-east", CAL)
BANKS = Queue("banks", "C0BANKS001", CAL)
DEFAULT = Queue("default", "#presales", CAL)
RULES = RoutingRules(
    queues=(EAST, BANKS),
    rules=(
        Rule("banks", types=frozenset({"demo", "poc"}), industries=frozenset({"银行", "Banking"}), source="r.toml:10"),
        Rule("solutions-east", regions=frozenset({"华东", "East China"}), source="r.toml:16"),
        Rule("solutions-east", products=frozenset({"MES"}), source="r.toml:20"),
    ),
    default=DEFAULT,
    source="r.toml",
)


# which queue

def test_a_demo_for_a_bank_goes_to_the_first_rule_that_matches() -> None:
    decision = route(RequestFacts("demo", region="华东", industry="银行"), RULES)
    assert (decision.queue, decision.rule_index) == (BANKS, 0)
    assert "r.toml:10" in decision.reason


def test_a_workshop_for_the_same_bank_skips_the_demo_rule() -> None:
    decision = route(RequestFacts("solution_workshop", region="华东", industry="银行"), RULES)
    assert (decision.queue, decision.rule_index) == (EAST, 1)


def test_region_industry_and_product_ignore_case_and_surrounding_spaces() -> None:
    assert route(RequestFacts("demo", industry=" banking "), RULES).queue == BANKS
    assert route(RequestFacts("poc", region="east china"), RULES).queue == EAST


def test_a_product_rule_matches_when_any_of_the_requests_products_is_listed() -> None:
    decision = route(RequestFacts("expert_talk", region="华南", products=("ERP", "mes")), RULES)
    assert decision.rule_index == 2


def test_a_request_with_an_unknown_region_does_not_match_a_rule_that_names_regions() -> None:
    decision = route(RequestFacts("site_visit", region=None), RULES)
    assert decision.queue == DEFAULT


def test_a_request_no_rule_matches_goes_to_the_default_queue_and_says_so() -> None:
    decision = route(RequestFacts("brand_material", region="华北", industry="能源"), RULES)
    assert (decision.queue, decision.rule_index) == (DEFAULT, None)
    assert "no rule in r.toml matched" in decision.reason
    assert "#presales" in decision.reason


def test_a_workspace_without_a_rules_file_sends_everything_to_the_default_channel() -> None:
    bare = RoutingRules(queues=(), rules=(), default=DEFAULT)
    decision = route(RequestFacts("demo", region="华东"), bare)
    assert (decision.queue.channel, decision.rule_index) == ("#presales", None)
    assert "no rules file" in decision.reason


def test_without_a_presales_channel_the_decision_says_the_setting_is_missing() -> None:
    bare = RoutingRules(queues=(), rules=(), default=Queue("default", None, CAL))
    assert "RAPPORT_PRESALES_CHANNEL is not set" in route(RequestFacts("demo"), bare).reason


def test_a_rule_may_send_requests_to_the_default_queue_by_name() -> None:
    rules = RoutingRules(queues=(EAST,), rules=(Rule("default", types=frozenset({"brand_material"})),),
                         default=DEFAULT, source="r.toml")
    decision = route(RequestFacts("brand_material"), rules)
    assert (decision.queue, decision.rule_index) == (DEFAULT, 0)


# which person

ZHAO, CHEN, LIU = Member("U0ZHAO0001", frozenset({"demo", "银行"})), Member("U0CHEN0001", frozenset({"poc"})), \
    Member("U0LIU00001")


def queue(policy: str, *members: Member) -> Queue:
    return Queue("q", "#q", CAL, members=members or (ZHAO, CHEN, LIU), policy=policy)  # type: ignore[arg-type]


def test_round_robin_hands_the_next_request_to_the_member_after_the_last_one() -> None:
    q = queue("round_robin")
    assert assignee(q, PolicyState()) == ZHAO.slack_id
    assert assignee(q, PolicyState(last_assigned=ZHAO.slack_id)) == CHEN.slack_id
    assert assignee(q, PolicyState(last_assigned=LIU.slack_id)) == ZHAO.slack_id


def test_round_robin_starts_over_when_the_last_assignee_has_left_the_queue() -> None:
    assert assignee(queue("round_robin"), PolicyState(last_assigned="U0GONE0001")) == ZHAO.slack_id


def test_least_loaded_picks_whoever_holds_fewest_open_requests() -> None:
    state = PolicyState(open_load={ZHAO.slack_id: 3, CHEN.slack_id: 1, LIU.slack_id: 2})
    assert assignee(queue("least_loaded"), state) == CHEN.slack_id


def test_least_loaded_ties_rotate_instead_of_always_falling_on_the_first_member() -> None:
    state = PolicyState(last_assigned=ZHAO.slack_id, open_load={ZHAO.slack_id: 0})
    assert assignee(queue("least_loaded"), state) == CHEN.slack_id


def test_skill_match_picks_the_member_who_covers_most_of_what_the_request_needs() -> None:
    needs = RequestFacts("demo", industry="银行").needs()
    state = PolicyState(open_load={ZHAO.slack_id: 5})
    assert assignee(queue("skill_match"), state, needs=needs) == ZHAO.slack_id


def test_skill_match_shares_between_equally_skilled_members_by_load() -> None:
    twin = Member("U0TWIN0001", frozenset({"DEMO"}))
    q = queue("skill_match", ZHAO, twin, LIU)
    state = PolicyState(open_load={ZHAO.slack_id: 4, twin.slack_id: 1})
    assert assignee(q, state, needs=RequestFacts("demo").needs()) == twin.slack_id


def test_skill_match_falls_back_to_least_loaded_when_nobody_has_the_skill() -> None:
    state = PolicyState(open_load={ZHAO.slack_id: 2, CHEN.slack_id: 2, LIU.slack_id: 1})
    assert assignee(queue("skill_match"), state, needs=RequestFacts("bid_support").needs()) == LIU.slack_id


@pytest.mark.parametrize("policy", ["round_robin", "least_loaded", "skill_match"])
def test_a_member_who_declined_is_not_handed_the_request_again(policy: str) -> None:
    needs = RequestFacts("demo").needs()
    chosen = assignee(queue(policy), PolicyState(), needs=needs, exclude=frozenset({ZHAO.slack_id}))
    assert chosen in (CHEN.slack_id, LIU.slack_id)


def test_a_queue_with_nobody_left_to_ask_leaves_the_choice_to_its_channel() -> None:
    assert assignee(Queue("default", "#presales", CAL), PolicyState()) is None
    assert assignee(queue("round_robin", ZHAO), PolicyState(), exclude=frozenset({ZHAO.slack_id})) is None
