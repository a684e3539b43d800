"""Who may press what on a presales request, through the stand-in: Accept by the queue (never the requester, nor the
requester's manager from an escalation), Reassign by its holder, the lead or — while open — a member, an edit of
the rules file read by the buttons within a minute, and a reason or outcome line kept without a gift in it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from domain.entities import User
from sandbox.local import TEAM, LocalRapport
from services.clock import MovableClock
from storage.rows import AuditRow, InteractionRow
from storage.rows_pipeline import ResourceRequestEventRow, ResourceRequestRow
from tests.e2e.conftest import START, answer, button, card_text, tick
from tests.presales_world import (
    ENG1,
    ENG2,
    ENG3,
    LEAD,
    REP,
    add_request,
    channel_id,
    presales_rapport,
    seed_bank,
)

BOSS, NEWCOMER = "U0BOSS0001", "U0ENGNEW01"


@pytest.fixture
def running(database_url: str, clock: MovableClock, tmp_path: Path) -> Iterator[tuple[LocalRapport, Path]]:
    with presales_rapport(database_url, clock, tmp_path) as (rapport, rules):
        rapport.standin.add_user(BOSS, "zhou.min", "周敏", tz="Asia/Shanghai", locale="zh-CN")
        with rapport.uow_factory(TEAM) as uow:
            uow.users.save(User(REP, "林晓", locale="zh-CN", tz="Asia/Shanghai", manager_slack_id=BOSS))
            uow.users.save(User(BOSS, "周敏", role="manager", locale="zh-CN", tz="Asia/Shanghai"))
            uow.commit()
        yield rapport, rules


@pytest.fixture
def rapport(running: tuple[LocalRapport, Path]) -> LocalRapport:
    return running[0]


def _carded(rapport: LocalRapport, clock: MovableClock) -> tuple[int, str]:
    """The rep's demo for the bank, routed east and proposed to ENG1; the request and the east channel."""
    request_id = add_request(rapport, seed_bank(rapport, START), START)
    tick(rapport, clock)
    east = channel_id(rapport, "presales-east")
    assert east
    return request_id, east


def _card(rapport: LocalRapport, east: str) -> dict[str, Any]:
    return next(m for m in rapport.standin.messages(east) if m.get("blocks") and not m.get("thread_ts"))


def _press(rapport: LocalRapport, user: str, action_id: str, channel: str, message: dict[str, Any]) -> None:
    b = button(message, action_id)
    assert rapport.slack.block_action(user, action_id, b.get("value"), message=message, channel=channel,
                                      block_id=b["block_id"]).status == 200


def _told(rapport: LocalRapport, channel: str, user: str, seen: int = 0) -> str:
    """The next line only `user` sees in the channel, after the `seen` they had."""
    said = rapport.standin.wait_for(lambda: rapport.standin.ephemerals(channel, user)[seen:] or None, timeout=15)
    return str(said[0]["text"])


def _dialog(rapport: LocalRapport, user: str, action_id: str, channel: str, message: dict[str, Any]) -> dict[str, Any]:
    seen = len(rapport.standin.views(user))
    _press(rapport, user, action_id, channel, message)
    return rapport.standin.wait_for(lambda: rapport.standin.views(user)[seen:] or None, timeout=15)[0]


def _state(rapport: LocalRapport, request_id: int) -> tuple[str, str | None, list[str]]:
    with rapport.runtime.engine.connect() as conn:
        row = conn.execute(select(ResourceRequestRow).where(ResourceRequestRow.id == request_id)).one()
        kinds = list(conn.scalars(select(ResourceRequestEventRow.kind)
                                  .where(ResourceRequestEventRow.request_id == request_id)
                                  .order_by(ResourceRequestEventRow.id)))
    return row.state, row.assignee_slack_id, kinds


def _dms(rapport: LocalRapport, user: str) -> list[str]:
    """Everything the bot said to the user in their DM, threads included, oldest first."""
    return [card_text(m) for m in rapport.standin.messages(rapport.standin.dm_channel(user)) if m.get("bot_id")]


def _pass_to(rapport: LocalRapport, user: str, view: dict[str, Any], to: str) -> dict[str, Any]:
    answered = rapport.slack.view_submission(user, view, {"request:to": {"request_value": {"selected_user": to}}})
    assert answered.status == 200
    return answered.json() or {}


def test_the_requester_and_an_engineer_of_another_queue_are_told_they_cannot_accept_and_it_stays_open(
        rapport: LocalRapport, clock: MovableClock) -> None:
    request_id, east = _carded(rapport, clock)
    _press(rapport, REP, "request_accept", east, _card(rapport, east))
    assert _told(rapport, east, REP) == "这是你自己提的请求，要由队列里的人接下。"
    _press(rapport, ENG3, "request_accept", east, _card(rapport, east))
    assert _told(rapport, east, ENG3) == "只有这个队列的成员或负责人可以接下。"
    assert _state(rapport, request_id) == ("open", ENG1, ["created", "routed", "assigned"])
    assert "request_accept" in str(_card(rapport, east)["blocks"])

    _press(rapport, LEAD, "request_accept", east, _card(rapport, east))
    rapport.standin.wait_for(lambda: f"✅ <@{LEAD}> 已接下" in str(_card(rapport, east)["blocks"]) or None, timeout=15)
    assert _state(rapport, request_id)[:2] == ("accepted", LEAD)


def test_once_taken_only_its_holder_or_the_lead_passes_it_on_and_whoever_had_it_is_told(
        rapport: LocalRapport, clock: MovableClock) -> None:
    request_id, east = _carded(rapport, clock)
    _press(rapport, ENG1, "request_accept", east, _card(rapport, east))
    rapport.standin.wait_for(lambda: "request_done" in str(_card(rapport, east)["blocks"]) or None, timeout=15)
    for refused in (REP, ENG2):
        views = len(rapport.standin.views(refused))
        _press(rapport, refused, "request_reassign", east, _card(rapport, east))
        assert _told(rapport, east, refused) == f"已由 <@{ENG1}> 接下：只有 <@{ENG1}> 或队列负责人可以转派。"
        assert len(rapport.standin.views(refused)) == views, "no dialog to fill in for nothing"

    view = _dialog(rapport, LEAD, "request_reassign", east, _card(rapport, east))
    assert f"队列成员：@{ENG2} @{LEAD}" in card_text(view), "neither the requester nor the holder is offered"
    to_requester = _pass_to(rapport, LEAD, view, REP)
    assert to_requester["errors"] == {"request:to": "这是提出人本人：请选队列里的成员"}
    thread_before = len(_dms(rapport, REP))
    assert _pass_to(rapport, LEAD, view, ENG1) == {}, "to the holder: the dialog closes"
    assert _state(rapport, request_id) == ("accepted", ENG1, ["created", "routed", "assigned", "accepted"])

    _pass_to(rapport, LEAD, view, ENG2)
    taken = rapport.standin.wait_for(lambda: _dms(rapport, ENG1) or None, timeout=15)
    assert taken == [f"@{LEAD} 把你手上的北辰银行的产品演示请求转给了 @{ENG2}，不再由你负责。"]
    rapport.standin.wait_for(lambda: len(_dms(rapport, REP)) > thread_before or None, timeout=15)
    assert _dms(rapport, REP)[thread_before:] == [f"@{LEAD} 把你的北辰银行的产品演示请求转给了 @{ENG2}。"], \
        "passing it to its holder told the requester nothing"
    assert _state(rapport, request_id)[:2] == ("open", ENG2)


def test_the_managers_escalation_links_the_card_without_accept_and_an_accept_from_the_manager_is_refused(
        rapport: LocalRapport, clock: MovableClock) -> None:
    request_id, east = _carded(rapport, clock)
    clock.advance(timedelta(days=5))  # Monday: both the lead's and the manager's hours are past
    tick(rapport, clock)
    to_lead, to_boss = (rapport.standin.wait_for(lambda u=u: [m for m in rapport.standin.messages(
        rapport.standin.dm_channel(u)) if m.get("bot_id")] or None, timeout=15)[0] for u in (LEAD, BOSS))
    assert button(to_lead, "request_accept")["value"] == str(request_id)
    assert "request_accept" not in str(to_boss["blocks"])
    card = _card(rapport, east)
    assert f"https://slack.com/archives/{east}/p{card['ts'].replace('.', '')}" in str(to_boss["blocks"])

    dm = rapport.standin.dm_channel(BOSS)  # an escalation sent before the manager's button was dropped
    assert rapport.slack.block_action(BOSS, "request_accept", str(request_id), message=to_boss, channel=dm,
                                      block_id=f"requestsla_{request_id}").status == 200
    assert _told(rapport, dm, BOSS) == "只有这个队列的成员或负责人可以接下。"
    assert _state(rapport, request_id)[:2] == ("open", ENG1)


def test_a_member_added_to_the_rules_file_can_be_passed_the_request_and_counts_within_a_minute(
        running: tuple[LocalRapport, Path], clock: MovableClock) -> None:
    rapport, rules = running
    request_id, east = _carded(rapport, clock)
    rules.write_text(rules.read_text(encoding="utf-8").replace(f'"{ENG2}"]', f'"{ENG2}", "{NEWCOMER}"]'),
                     encoding="utf-8")
    stamp = rules.stat().st_mtime + 10  # a new modification time even on a coarse clock
    os.utime(rules, (stamp, stamp))
    clock.advance(timedelta(seconds=61))

    assert f"@{NEWCOMER} · 接手0个" in answer(rapport, BOSS, "requests")
    view = _dialog(rapport, ENG1, "request_reassign", east, _card(rapport, east))
    assert f"队列成员：@{ENG2} @{NEWCOMER} @{LEAD}" in card_text(view)
    assert _pass_to(rapport, ENG1, view, NEWCOMER) == {}
    assert _state(rapport, request_id)[:2] == ("open", NEWCOMER)


def test_a_gift_in_a_decline_or_in_how_it_went_is_kept_nowhere_and_the_writer_is_told(
        rapport: LocalRapport, clock: MovableClock) -> None:
    request_id, east = _carded(rapport, clock)
    view = _dialog(rapport, ENG1, "request_decline", east, _card(rapport, east))
    declined = {"request:reason": {"request_value": {"value": "下周出差。客户上次送的购物卡还没退。"}}}
    assert rapport.slack.view_submission(ENG1, view, declined).status == 200
    assert _told(rapport, east, ENG1) == "⚠ 原因里有一句没有保存：shopping or gift card / 购物卡"
    rapport.standin.wait_for(lambda: any("没有接你的" in line for line in _dms(rapport, REP)) or None, timeout=15)
    assert f"@{ENG1} 没有接你的北辰银行的产品演示请求：下周出差。\n现在建议由 @{ENG2} 接。" in _dms(rapport, REP)

    _press(rapport, ENG2, "request_accept", east, _card(rapport, east))
    rapport.standin.wait_for(lambda: "request_done" in str(_card(rapport, east)["blocks"]) or None, timeout=15)
    _press(rapport, ENG2, "request_done", east, _card(rapport, east))
    dm = rapport.standin.dm_channel(REP)
    asked = rapport.standin.wait_for(lambda: [m for m in rapport.standin.messages(dm) if "效果如何" in card_text(m)]
                                     or None, timeout=15)[-1]
    view = _dialog(rapport, REP, "request_outcome", dm, asked)
    only_gifts = rapport.slack.view_submission(REP, view, {"request:outcome": {"request_value": {"value": "送了红包"}}})
    assert only_gifts.json()["errors"] == {"request:outcome": "这些内容不能保存（red envelope / 红包）：请换个说法说说效果"}
    rapport.slack.view_submission(REP, view, {
        "request:outcome": {"request_value": {"value": "李娜很满意迁移方案。我们给她送了购物卡和5000元红包。"}},
        "request:people": {"request_value": {"selected_options": view["blocks"][1]["element"]["initial_options"]}}})

    noted = rapport.standin.wait_for(lambda: [t for t in _dms(rapport, REP) if t.startswith("记下了")] or None,
                                     timeout=15)
    assert noted == ["记下了：李娜很满意迁移方案。已记为与 李娜 的一次专业交流。\n"
                     "⚠ 有一句没有记下：shopping or gift card / 购物卡; red envelope / 红包"]
    with rapport.runtime.engine.connect() as conn:
        kept = [*conn.scalars(select(ResourceRequestRow.outcome)), *conn.scalars(select(ResourceRequestEventRow.note)),
                *map(str, conn.scalars(select(AuditRow.after))), *conn.scalars(select(InteractionRow.summary))]
    assert "李娜很满意迁移方案。" in kept
    assert [k for k in kept if k and ("红包" in k or "购物卡" in k)] == []
