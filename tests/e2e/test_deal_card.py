"""/rapport deal answers with the deal card: facts, chain, control points with inferred tender rules, health."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

from domain.entities import ControlPoint, Deal, Meeting, ResourceRequest, SourceMessage, User
from sandbox.local import TEAM, LocalRapport
from services.importing.deal_import import import_deals
from services.importing.reading import read_table
from services.seed import load_demo_dataset
from tests.e2e.conftest import EN_REP, REP, START, answer

STRANGER = "U0STRANGE"


def _demo(local: LocalRapport) -> None:
    """The demo world, with 北辰银行 owned by our rep: 数据中台二期 open, twelve past tenders (信创云桌面 the latest)."""
    load_demo_dataset(uow=local.uow_factory(TEAM), today=START.date(), now=START, reps=(REP, "U0REP0003"))


def test_the_deal_card_infers_the_tender_rules_from_the_banks_past_tenders_and_shows_health_and_chain(
        local: LocalRapport) -> None:
    _demo(local)
    card = answer(local, REP, "deal 数据中台")
    assert "数据中台二期" in card and "北辰银行" in card and "3,500,000 CNY" in card
    assert "推断：最近12次招标（北辰银行）采用公开招标、综合评分、技术分50" in card
    assert "中标规则：未知 · 推断：综合评分" in card
    assert "招标方式：已掌握 · 竞争性磋商" in card
    assert "健康度：🟡 黄" in card and "招标前3个控制点中3个未知" in card
    assert "拍板人：陈思远（支持）" in card and "尚未识别：教练（内线）" in card


def test_the_card_lists_recorded_points_next_meetings_and_open_requests(local: LocalRapport) -> None:
    _demo(local)
    with local.uow_factory(TEAM) as uow:
        deal = next(d for d in uow.deals.all() if d.name == "数据中台二期")
        chen = next(c for c in uow.contacts.all(deal.account_id) if c.name == "陈思远")
        uow.control_points.set(deal.id, ControlPoint("budget_input", "lost", "预算参考了星图数据的报价"), now=START)
        uow.meetings.add(Meeting(0, REP, START.date() + timedelta(days=3), "14:00", topic="方案汇报",
                                 account_id=deal.account_id, deal_id=deal.id, contact_ids=(chen.id,)),
                         now=START, source=SourceMessage(None, None))
        uow.resource_requests.add(ResourceRequest(0, "poc", REP, START.date() + timedelta(days=10),
                                                  account_id=deal.account_id, deal_id=deal.id), now=START)
        uow.commit()
    card = answer(local, REP, "deal 数据中台二期")
    assert "预算参与：已失守 · “预算参考了星图数据的报价” · 2026-12-09" in card
    assert "健康度：🔴 红" in card and "控制点已失守：预算参与" in card
    assert "2026-12-12 14:00 · 方案汇报 · 与陈思远" in card
    assert "POC 测试 · 待处理 · 需要于2026-12-19" in card


def test_two_deals_matching_are_listed_not_guessed_and_a_stranger_sees_none(local: LocalRapport) -> None:
    _demo(local)
    local.standin.add_user(STRANGER, "other", "路人", locale="zh-CN")
    with local.uow_factory(TEAM) as uow:
        uow.users.save(User(STRANGER, "路人"))
        bank = uow.accounts.find("北辰银行")
        assert bank is not None
        uow.deals.add(Deal(0, "数据中台一期", bank.id, stage="closed_won", outcome="won"), now=START)
        uow.commit()
    several = answer(local, REP, "deal 数据中台")
    assert "匹配到多个" in several and "数据中台一期" in several and "数据中台二期" in several
    assert "没有找到" in answer(local, STRANGER, "deal 数据中台二期")


def test_an_english_rep_reads_the_card_in_english(local: LocalRapport) -> None:
    load_demo_dataset(uow=local.uow_factory(TEAM), today=START.date(), now=datetime(2026, 12, 9, tzinfo=UTC),
                      reps=(EN_REP,))
    card = answer(local, EN_REP, "deal 数据中台")
    assert "Inferred: the last 12 tender(s) at 北辰银行 used open tender, best overall score, technical 50" in card
    assert "Health: 🟡 amber" in card


def test_the_card_shows_a_win_probability_learnt_from_the_demos_closed_deals_and_why(local: LocalRapport) -> None:
    _demo(local)
    card = answer(local, REP, "deal 数据中台")
    assert re.search(r"赢单概率 \d{1,3}%", card)
    assert "历史太少：按整体赢单率" not in card
    assert re.search(r"• 拍板人态度 = 支持：\+\d+ 个百分点", card), card


def test_an_imported_column_with_no_field_of_its_own_is_on_the_card(local: LocalRapport, tmp_path: Path) -> None:
    sheet = tmp_path / "deals.csv"
    sheet.write_text(f"客户,项目名称,负责人,阶段,合作伙伴,采购批次\n南湖银行,影像平台,{REP},方案,神州数码,2027-一期\n",
                     encoding="utf-8")
    report = import_deals(uow=local.uow_factory(TEAM), table=read_table(sheet.read_bytes()), source=sheet.name, now=START)
    assert report.errors == []
    card = answer(local, REP, "deal 影像平台")
    assert "其他信息" in card and "合作伙伴: 神州数码" in card and "采购批次: 2027-一期" in card
