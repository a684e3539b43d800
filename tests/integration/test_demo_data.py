"""The demo data set, loaded into a migrated store: what a newcomer running `make demo` would notice."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any, NamedTuple

import pytest
from sqlalchemy import select

from domain.pipeline import is_open
from domain.pitch_library import check_pitch
from domain.pitches import suggest
from domain.routing import PolicyState, RequestFacts, assignee, route
from domain.scoring.model import MIN_HISTORY
from sandbox.demo_data import DEMO_ACCOUNT_NAME, DEMO_REPS, demo_accounts
from sandbox.demo_script import DEMO_PRESALES
from sandbox.session import DEMO_RULES
from services.deal_score import deal_facts, deal_score
from services.pitch_library import pitch_library
from services.routing_rules import read_rules
from services.seed import load_demo_dataset, load_demo_team
from storage.repos_org import DepartmentLinksRepo
from storage.rows import ContactLinkRow, InteractionRow
from storage.uow import UnitOfWork, UnitOfWorkFactory

TODAY = date(2027, 3, 1)
NOW = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)
WS = "T_DEMO"
COMPLIANCE_WORDS = ("红包", "购物卡", "回扣", "礼品", "gift", "cash")
STORY_DEALS = ("核心系统分布式改造", "数据中台二期", "信创云桌面")


class _Touch(NamedTuple):
    account_id: int | None
    rep_slack_id: str
    occurred_on: date
    channel: str
    summary: str
    deal_id: int | None
    pitched: list[Any]


@pytest.fixture
def loaded(uow_factory: UnitOfWorkFactory) -> dict[str, int]:
    """The demo world loaded once into workspace T_DEMO; returns the counts."""
    return load_demo_dataset(uow=uow_factory(WS), today=TODAY, now=NOW, reps=DEMO_REPS)


def _account_id(uow: UnitOfWork, name: str) -> int:
    return next(a.id for a in uow.accounts.all() if a.name == name)


def test_the_chinese_account_has_an_org_chart_and_many_people(uow_factory: UnitOfWorkFactory,
                                                             loaded: dict[str, int]) -> None:
    with uow_factory(WS) as uow:
        bank = next(a for a in uow.accounts.all() if a.name == DEMO_ACCOUNT_NAME)
        assert (bank.region, bank.industry) == ("华东", "银行") and "Beichen Bank" in bank.aliases
        contacts = uow.contacts.all(account_id=bank.id)
        org = DepartmentLinksRepo(uow.session, WS)
        tree, relations = org.tree(bank.id), org.of_account(bank.id)
    assert len(contacts) >= 25
    assert {c.stance for c in contacts} == {"supporter", "neutral", "opponent", "unknown"}
    assert any(c.birthday_lunar for c in contacts) and any("Chen Siyuan" in c.aliases for c in contacts)
    assert [c.name for c in contacts].count("张伟") == 2  # the ambiguous name a rep must pick between
    assert tree["架构处"] == "信息科技部" and tree["信息科技部"] == "行领导" and tree["行领导"] is None
    assert ("采购部", "reviews", "信息科技部") in [r[:3] for r in relations]


def test_the_graph_has_reporting_lines_influence_an_ally_and_a_rival(uow_factory: UnitOfWorkFactory,
                                                                     loaded: dict[str, int]) -> None:
    with uow_factory(WS) as uow:
        kinds = list(uow.session.scalars(select(ContactLinkRow.kind).where(ContactLinkRow.workspace_id == WS)))
    assert loaded["links"] == len(kinds) >= 30 + 7
    assert {"reports_to", "influences", "ally", "rival", "knows"} <= set(kinds)


def test_the_storys_three_deals_each_with_a_decision_maker_and_a_line_off_the_org_chart(
        uow_factory: UnitOfWorkFactory, loaded: dict[str, int]) -> None:
    with uow_factory(WS) as uow:
        bank = _account_id(uow, DEMO_ACCOUNT_NAME)
        deals = [d for d in uow.deals.all(account_id=bank) if d.name in STORY_DEALS]
        chains = {d.name: uow.chain_members.of_deal(d.id) for d in deals}
        org = {(r.from_contact_id, r.to_contact_id) for r in uow.session.scalars(
            select(ContactLinkRow).where(ContactLinkRow.workspace_id == WS, ContactLinkRow.kind == "reports_to"))}
        still_open = {d.name: d.stage for d in uow.deals.all(account_id=bank) if is_open(d)}
    assert {d.name: d.stage for d in deals} == {"核心系统分布式改造": "tender", "数据中台二期": "proposal",
                                                "信创云桌面": "closed_won"}
    assert still_open == {"核心系统分布式改造": "tender", "数据中台二期": "proposal"}, "the past is closed"
    core = next(d for d in deals if d.name == "核心系统分布式改造")
    assert (core.amount, core.award_method, core.award_rule) == (12_000_000, "open_tender", "comprehensive_score")
    won = next(d for d in deals if d.name == "信创云桌面")
    assert won.winner and won.outcome_reason and won.close_on is not None and won.close_on < TODAY
    for name, chain in chains.items():
        assert 4 <= len(chain) <= 7, name
        assert any(m.role == "decision_maker" for m in chain), name
    by_id = {m.id: m for chain in chains.values() for m in chain}
    project_lines = {(m.contact_id, by_id[m.reports_to_member_id].contact_id)
                     for m in by_id.values() if m.reports_to_member_id is not None}
    assert project_lines - org, "some project-team line should differ from the org chart"


def test_five_years_of_closed_deals_across_industries_give_the_score_enough_to_learn_from(
        uow_factory: UnitOfWorkFactory, loaded: dict[str, int]) -> None:
    with uow_factory(WS) as uow:
        history = uow.deals.closed_history(1000)
        closed = [d for d, _, _ in history]
        points = uow.control_points.of_deals([d.id for d in closed])
        chains = uow.chain_members.of_deals([d.id for d in closed])
        bank = _account_id(uow, DEMO_ACCOUNT_NAME)
    wins = sum(d.outcome == "won" for d in closed)
    assert len(closed) >= 3 * MIN_HISTORY and 0.35 <= wins / len(closed) <= 0.65, (wins, len(closed))
    assert {industry for _, industry, _ in history} >= {"银行", "证券", "保险", "banking", "retail"}
    at_bank = [d for d in closed if d.account_id == bank]
    assert len(at_bank) >= 10 and {d.outcome for d in at_bank} == {"won", "lost"}
    assert {d.award_method for d in closed} >= {"open_tender", "invited_tender", "competitive_negotiation",
                                                 "single_source"}
    assert {d.award_rule for d in closed} == {"comprehensive_score", "lowest_price", None}
    assert all(d.competitors and d.winner and d.outcome_reason and d.amount for d in closed)
    assert all(d.winner in d.competitors for d in closed if d.outcome == "lost")
    assert {p.state for ps in points.values() for p in ps.values()} == {"secured", "lost"}
    assert sum(bool(custom) for _, _, custom in history) == len(closed), "each past deal says how we found it"
    stances = {m.stance for ms in chains.values() for m in ms if m.role == "decision_maker"}
    assert {"supporter", "neutral", "opponent"} <= stances
    assert any(all(m.role != "decision_maker" for m in chains.get(d.id, ())) for d in closed)


def test_the_open_data_deal_is_scored_from_history_with_the_decision_makers_support_among_the_reasons(
        uow_factory: UnitOfWorkFactory, loaded: dict[str, int]) -> None:
    with uow_factory(WS) as uow:
        deal = next(d for d in uow.deals.all() if d.name == "数据中台二期")
        points, chain = deal_facts(uow, [deal])[deal.id]
        score = deal_score(uow=uow, deal=deal, industry="银行", chain=chain, points=points)
    assert not score.is_prior and score.factors
    assert any((f.field, f.value) == ("decision_maker", "supporter") and f.points > 0 for f in score.factors)


def test_past_projects_are_dated_when_they_happened_not_new_this_week(uow_factory: UnitOfWorkFactory,
                                                                       loaded: dict[str, int]) -> None:
    with uow_factory(WS) as uow:
        names = {d.id: d.name for d in uow.deals.all()}
        created = [names.get(e.entity_id or 0) for e in uow.audit.entries("deal")
                   if e.action == "create" and e.at >= NOW - timedelta(days=7)]
        desktop = next(d for d in uow.deals.all() if d.name == "信创云桌面")
        assessed = uow.control_points.of_deal(desktop.id)["exchange_time"]
    assert sorted(map(str, created)) == sorted(["核心系统分布式改造", "数据中台二期", "MES cloud migration"])
    assert assessed.state == "secured" and assessed.on is not None and assessed.on < TODAY - timedelta(days=200)


def test_a_year_of_interactions_by_three_reps_and_an_english_account(uow_factory: UnitOfWorkFactory,
                                                                    loaded: dict[str, int]) -> None:
    with uow_factory(WS) as uow:
        bank, fabrikam = _account_id(uow, DEMO_ACCOUNT_NAME), _account_id(uow, "Fabrikam")
        rows = [_Touch(r.account_id, r.rep_slack_id, r.occurred_on, r.channel, r.summary, r.deal_id, r.pitched)
                for r in uow.session.scalars(select(InteractionRow).where(InteractionRow.workspace_id == WS))]
        english = uow.contacts.all(account_id=fabrikam)
    at_bank = [r for r in rows if r.account_id == bank]
    assert 120 <= len(at_bank) <= 200
    assert len({(r.occurred_on.year, r.occurred_on.month) for r in at_bank}) >= 10
    assert all(r.occurred_on < TODAY for r in rows)
    assert {r.rep_slack_id for r in at_bank} == set(DEMO_REPS)
    assert {"meeting", "call", "online_meeting", "message", "email", "meal", "event", "site_visit"} <= {
        r.channel for r in at_bank}
    assert any(r.deal_id is not None for r in at_bank) and any(r.pitched for r in at_bank)
    assert {"Priya Nair", "Mark Evans"} <= {c.name for c in english}
    assert any(r.account_id == fabrikam and "Priya" in r.summary for r in rows)


def test_the_team_library_has_a_pitch_per_role_each_sayable_in_a_minute(uow_factory: UnitOfWorkFactory,
                                                                          loaded: dict[str, int]) -> None:
    library = pitch_library(uow=uow_factory(WS))
    with uow_factory(WS) as uow:
        audited = uow.audit.entries("proposition")
    pitches = [p.proposition for p in library]
    assert loaded["propositions"] == len(library) == len(audited) == 4
    assert all(check_pitch(p.title, p.points) == () and 2 <= len(p.points) <= 3 for p in pitches), "the dialog's rule"
    assert all(p.seconds <= 60 for p in library)

    def best(role: str, industry: str) -> str:
        return suggest(pitches, role=role, industry=industry, product=None)[0].proposition.title

    assert best("decision_maker", "银行") == "核心改造稳妥可控"
    assert best("economic_buyer", "银行") == "投入与风险算得清", "a CFO hears cost and risk"
    assert best("technical_buyer", "银行") == "与现有系统无缝集成", "an architect hears integration"
    assert best("economic_buyer", "manufacturing") == "Lower cost, no downtime", "Fabrikam's, in English"


def test_no_summary_holds_what_compliance_forbids(uow_factory: UnitOfWorkFactory, loaded: dict[str, int]) -> None:
    with uow_factory(WS) as uow:
        summaries = list(uow.session.scalars(select(InteractionRow.summary).where(InteractionRow.workspace_id == WS)))
    assert summaries
    flagged = [s for s in summaries if any(w in s.casefold() for w in COMPLIANCE_WORDS)]
    assert flagged == []


def test_loading_twice_loads_once(uow_factory: UnitOfWorkFactory, loaded: dict[str, int]) -> None:
    again = load_demo_dataset(uow=uow_factory(WS), today=TODAY, now=NOW, reps=DEMO_REPS)
    with uow_factory(WS) as uow:
        assert len(uow.accounts.all()) == loaded["accounts"] == 7  # 北辰银行, Fabrikam and five past customers
        assert uow.contacts.count() == loaded["contacts"]
        assert uow.interactions.count() == loaded["interactions"]
        assert len(uow.audit.entries("contact")) == loaded["contacts"]
        assert len(uow.audit.entries("deal")) == loaded["deals"] == len(uow.deals.all()) == 3 + 44
        assert len([d for d in uow.deals.all() if is_open(d)]) == 3
        assert len(uow.propositions.all()) == loaded["propositions"] == 4
    assert set(again.values()) == {0}


def test_the_data_set_is_the_same_every_time_for_the_same_day() -> None:
    first, second = demo_accounts(TODAY), demo_accounts(TODAY)
    assert first == second
    later = date(2027, 9, 1)
    days = [i.occurred_on for i in demo_accounts(later)[0].interactions]
    assert (later - min(days)).days <= 366 and max(days) < later  # dated relative to today, not the clock


def test_the_banks_demo_request_goes_to_the_presales_engineer_of_the_demo_team(uow_factory: UnitOfWorkFactory,
                                                                              loaded: dict[str, int]) -> None:
    engineer = DEMO_PRESALES
    load_demo_team(uow=uow_factory(WS), reps=DEMO_REPS, presales=(engineer,))
    rules = read_rules(DEMO_RULES, default_channel="#presales", default_zone="Asia/Shanghai")
    with uow_factory(WS) as uow:
        bank = next(a for a in uow.accounts.all() if a.name == DEMO_ACCOUNT_NAME)
        roles = {who: getattr(uow.users.get(who), "role", None) for who in (*DEMO_REPS, engineer)}
    facts = RequestFacts("demo", bank.region, bank.industry)
    decision = route(facts, rules)
    assert (decision.queue.channel, decision.rule_index) == ("#presales-east", 0), decision.reason
    assert assignee(decision.queue, PolicyState(), needs=facts.needs()) == engineer
    assert roles == {DEMO_REPS[0]: "rep", DEMO_REPS[1]: "rep", DEMO_REPS[2]: "manager", engineer: "presales"}
