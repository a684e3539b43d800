"""/rapport focus [@rep | team] ranks open deals by probability × amount × timing; a manager asks for a rep or the team."""

from __future__ import annotations

from datetime import date

from domain.entities import Deal, User
from sandbox.local import TEAM, LocalRapport
from tests.e2e.conftest import REP, START, answer

OTHER, MANAGER = "U0REP0009", "U0MGR0001"


def _deals(local: LocalRapport) -> None:
    """Our rep's far, small deal and close, large deal, and another rep's deal our rep must not see."""
    local.standin.add_user(OTHER, "other", "周强", locale="zh-CN")
    with local.uow_factory(TEAM) as uow:
        uow.users.save(User(REP, "林晓"))
        uow.users.save(User(OTHER, "周强"))
        bank = uow.accounts.add(name="北辰银行", now=START, owner_slack_id=REP)
        port = uow.accounts.add(name="东港集团", now=START, owner_slack_id=OTHER)
        uow.deals.add(Deal(0, "网点小改造", bank.id, 200_000, "CNY", "proposal", close_on=date(2027, 12, 1),
                           owner_slack_id=REP), now=START)
        uow.deals.add(Deal(0, "核心改造", bank.id, 3_500_000, "CNY", "tender", close_on=date(2026, 12, 30),
                           owner_slack_id=REP), now=START)
        uow.deals.add(Deal(0, "港口调度", port.id, 9_000_000, "CNY", "tender", owner_slack_id=OTHER), now=START)
        uow.commit()


def test_a_closer_larger_deal_ranks_above_a_far_small_one(local: LocalRapport) -> None:
    _deals(local)
    focus = answer(local, REP, "focus")
    assert "本周最值得投入的商机" in focus
    assert focus.index("1. 核心改造 · 北辰银行") < focus.index("2. 网点小改造 · 北辰银行")
    assert "3,500,000 CNY × 时间权重 0.85" in focus and "预计签约 2026-12-30" in focus


def test_on_thin_history_focus_says_the_probabilities_are_the_win_rate_and_hides_others_deals(
        local: LocalRapport) -> None:
    _deals(local)
    focus = answer(local, REP, "focus")
    assert "赢单概率 50%" in focus and "历史太少" in focus
    assert "港口调度" not in focus and "共 2 个进行中的商机" in focus


def _team(local: LocalRapport) -> None:
    """Our rep and the other rep both report to a manager."""
    _deals(local)
    local.standin.add_user(MANAGER, "boss", "王经理", locale="zh-CN")
    with local.uow_factory(TEAM) as uow:
        uow.users.save(User(MANAGER, "王经理", role="manager"))
        uow.users.save(User(REP, "林晓", manager_slack_id=MANAGER))
        uow.users.save(User(OTHER, "周强", manager_slack_id=MANAGER))
        uow.commit()


def test_a_manager_ranks_one_reps_deals_or_the_whole_teams(local: LocalRapport) -> None:
    _team(local)
    theirs = answer(local, MANAGER, f"focus <@{OTHER}|other>")
    assert "本周最值得投入的商机" in theirs and "港口调度" in theirs and "核心改造" not in theirs
    team = answer(local, MANAGER, "focus team")
    assert "团队本周最值得投入的商机" in team
    assert team.index("1. 港口调度 · 东港集团") < team.index("2. 核心改造 · 北辰银行")
    assert "共 3 个进行中的商机" in team


def test_a_rep_asking_for_another_reps_focus_is_refused_and_shown_nothing_of_theirs(local: LocalRapport) -> None:
    _team(local)
    refused = answer(local, REP, f"focus <@{OTHER}|other>")
    assert "你看不到" in refused and "只有他们的经理或管理员" in refused and "港口调度" not in refused
    assert "港口调度" not in answer(local, REP, "focus team"), "a rep's team is only themselves"
