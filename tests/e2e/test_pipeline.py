"""/rapport pipeline shows a manager their reports' deals and a rep only their own; /rapport history the past."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from domain.entities import ChainMember, Contact, Deal, SourceMessage, User
from sandbox.local import TEAM, LocalRapport
from services.importing import import_csv
from services.seed import load_demo_dataset
from tests.e2e.conftest import REP, START, answer

MANAGER, OTHER = "U0MGR0001", "U0REP0009"
NOW = datetime(2026, 12, 1, tzinfo=UTC)


def _team(local: LocalRapport) -> None:
    """A manager over our rep and another rep, each with one open deal at their own account."""
    local.standin.add_user(MANAGER, "boss", "王经理", locale="zh-CN")
    local.standin.add_user(OTHER, "other", "周强", locale="zh-CN")
    with local.uow_factory(TEAM) as uow:
        uow.users.save(User(MANAGER, "王经理", role="manager"))
        uow.users.save(User(REP, "林晓", manager_slack_id=MANAGER))
        uow.users.save(User(OTHER, "周强", manager_slack_id=MANAGER))
        bank = uow.accounts.add(name="北辰银行", now=NOW, owner_slack_id=REP)
        port = uow.accounts.add(name="东港集团", now=NOW, owner_slack_id=OTHER)
        uow.deals.add(Deal(0, "核心改造", bank.id, 1_000_000, "CNY", "tender", owner_slack_id=REP), now=NOW)
        uow.deals.add(Deal(0, "港口调度", port.id, 2_000_000, "USD", "proposal", owner_slack_id=OTHER), now=NOW)
        uow.commit()


def test_a_manager_sees_a_reports_deal_in_the_team_pipeline(local: LocalRapport) -> None:
    _team(local)
    team = answer(local, MANAGER, "pipeline team")
    assert "团队销售管道" in team
    assert "招投标 · 1个 · 金额 1,000,000 CNY · 加权 600,000 CNY" in team
    assert "方案 · 1个 · 金额 2,000,000 USD · 加权 800,000 USD" in team


def test_a_rep_does_not_see_another_reps_deal_in_their_pipeline(local: LocalRapport) -> None:
    _team(local)
    mine = answer(local, REP, "pipeline")
    assert "我的销售管道" in mine and "1,000,000 CNY" in mine and "USD" not in mine
    assert "没有找到" in answer(local, REP, f"pipeline <@{OTHER}|other>")
    assert "2,000,000 USD" in answer(local, MANAGER, f"pipeline <@{OTHER}|other>")


def _shared_with_our_rep(local: LocalRapport) -> None:
    """The other rep's deals: 手机银行 at our rep's bank, 智慧电网 at 南方电网 whose account team our rep is on."""
    with local.uow_factory(TEAM) as uow:
        bank = uow.accounts.find("北辰银行")
        grid = uow.accounts.add(name="南方电网", now=NOW, owner_slack_id=OTHER)
        uow.accounts.join_team(grid.id, REP)
        uow.deals.add(Deal(0, "手机银行", bank.id, 500_000, "CNY", "negotiation", owner_slack_id=OTHER), now=NOW)
        uow.deals.add(Deal(0, "智慧电网", grid.id, 300_000, "EUR", "qualification", owner_slack_id=OTHER), now=NOW)
        uow.commit()


def test_a_rep_sees_the_deals_shared_with_them_in_their_pipeline_marked_as_shared(local: LocalRapport) -> None:
    _team(local)
    _shared_with_our_rep(local)
    mine = answer(local, REP, "pipeline")
    assert "谈判 · 1个 · 金额 500,000 CNY" in mine and "确认 · 1个 · 金额 300,000 EUR" in mine, mine
    assert "共享商机 2个" in mine
    assert f"共享 · 手机银行 · @{OTHER} · 谈判 · 500,000 CNY" in mine
    assert f"共享 · 智慧电网 · @{OTHER} · 确认 · 300,000 EUR" in mine
    assert f"🟡 手机银行 · 共享 · @{OTHER} · 谈判" in mine and f"🟡 核心改造 · @{REP} · 招投标" in mine
    assert "港口调度" not in mine and "USD" not in mine, "the other rep's deal at their own account is not shared"


def test_a_rep_ranks_the_deals_shared_with_them_in_their_focus_and_not_another_reps_own(local: LocalRapport) -> None:
    _team(local)
    _shared_with_our_rep(local)
    focus = answer(local, REP, "focus")
    assert f"手机银行 · 北辰银行 · 共享（@{OTHER}的）" in focus and f"智慧电网 · 南方电网 · 共享（@{OTHER}的）" in focus
    assert "核心改造 · 北辰银行\n" in focus, "the rep's own deal is not marked shared"
    assert "港口调度" not in focus and "共 3 个进行中的商机" in focus


def test_a_manager_counts_a_deal_one_report_owns_at_another_reports_account_once(local: LocalRapport) -> None:
    _team(local)
    _shared_with_our_rep(local)
    team = answer(local, MANAGER, "pipeline team")
    assert "谈判 · 1个 · 金额 500,000 CNY" in team and "招投标 · 1个 · 金额 1,000,000 CNY" in team
    assert "🟢 0 · 🟡 4 · 🔴 0" in team, "four deals, each judged once"
    assert "共享商机" not in team, "every deal is owned inside the team"


def test_a_rep_does_not_see_another_reps_deal_at_an_account_not_shared_with_them(local: LocalRapport) -> None:
    _team(local)
    _shared_with_our_rep(local)
    other = answer(local, OTHER, "pipeline")
    assert "方案 · 1个 · 金额 2,000,000 USD" in other and "谈判 · 1个 · 金额 500,000 CNY" in other
    assert "核心改造" not in other and "招投标 · 1个" not in other, "our rep's deal at our rep's own bank"
    assert "共享商机" not in other, "a deal of theirs at someone else's account is theirs, not shared"


def _decision_maker_touched(local: LocalRapport, days_ago: int) -> None:
    """陈思远 (a 30-day rhythm) is the only decision maker of 核心改造, last touched `days_ago` before today."""
    with local.uow_factory(TEAM) as uow:
        deal = next(d for d in uow.deals.all() if d.name == "核心改造")
        chen = uow.contacts.add(Contact(0, "陈思远", account_id=deal.account_id), now=NOW)
        uow.chain_members.add(ChainMember(0, deal.id, chen.id, "decision_maker"))
        uow.interactions.add(rep_slack_id=REP, occurred_on=START.date() - timedelta(days=days_ago), channel="visit",
                             summary="拜访", now=NOW, account_id=deal.account_id, contacts={chen.id: True}, pitched=(),
                             source=SourceMessage(None, None))
        uow.commit()


def test_a_deal_whose_only_decision_maker_went_cold_is_red_in_the_pipeline_with_the_reason_as_on_its_card(
        local: LocalRapport) -> None:
    _team(local)
    _decision_maker_touched(local, 100)
    team = answer(local, MANAGER, "pipeline team")
    assert "🟢 0 · 🟡 1 · 🔴 1" in team, "港口调度 has no chain: amber; 核心改造 red"
    assert f"🔴 核心改造 · @{REP} · 招投标 · 决策者超过两个接触周期未接触：陈思远" in team
    assert "健康度：🔴 红" in answer(local, REP, "deal 核心改造")


def test_a_decision_maker_past_their_rhythm_makes_the_deal_amber_with_the_days_in_the_pipeline(
        local: LocalRapport) -> None:
    _team(local)
    _decision_maker_touched(local, 45)
    mine = answer(local, REP, "pipeline")
    assert "🟢 0 · 🟡 1 · 🔴 0" in mine
    assert "🟡 核心改造" in mine and "陈思远上次接触在45天前，已超过接触周期" in mine
    card = answer(local, REP, "deal 核心改造")
    assert "健康度：🟡 黄" in card and "陈思远上次接触在45天前，已超过接触周期" in card


def test_the_banks_history_shows_the_won_desktop_deal_with_its_award_method_and_winner(local: LocalRapport) -> None:
    load_demo_dataset(uow=local.uow_factory(TEAM), today=START.date(), now=START, reps=(REP, "U0REP0003"))
    history = answer(local, REP, "history 北辰银行")
    assert "北辰银行 · 过往项目" in history and "信创云桌面 · 赢单" in history
    assert "邀请招标" in history and "中标方：我方 · 中标价 1,760,000 CNY" in history
    assert "数据中台二期" not in history, "open deals are not history"


def test_an_imported_history_with_a_winning_price_column_shows_who_won_at_what_price(local: LocalRapport) -> None:
    with local.uow_factory(TEAM) as uow:
        uow.accounts.add(name="北辰银行", now=NOW, owner_slack_id=REP)
        uow.commit()
    history = ("客户,项目名称,负责人,结果,金额,币种,结束日期,中标方,中标价\n"
               f"北辰银行,核心系统,{REP},丢单,320万,CNY,2025-06-30,星图数据,295万\n"
               f"北辰银行,网点改造,{REP},赢单,180万,CNY,2025-03-31,,176万\n")
    report = import_csv(uow=local.uow_factory(TEAM), data=history.encode("gb18030"), source="history.csv", now=NOW)
    assert report.ok, report.errors
    shown = answer(local, REP, "history 北辰银行")
    assert "核心系统 · 丢单 · 2025-06-30" in shown
    assert "中标方：星图数据 · 中标价 2,950,000 CNY · 我方金额 3,200,000 CNY" in shown
    assert "中标方：我方 · 中标价 1,760,000 CNY" in shown, "a win without a winner is ours, at the price recorded"
