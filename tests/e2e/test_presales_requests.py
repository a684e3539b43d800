"""Presales requests end to end: a log's demo lands in the right queue's channel, two Accepts leave one assignee,
a decline reopens it, and Done asks the requester how it went and logs a professional touch."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from domain.trust import trust_scores
from sandbox.local import TEAM, LocalRapport
from sandbox.payloads import initial_values
from sandbox.render import render_message
from services.clock import MovableClock
from storage.rows import AuditRow, InteractionRow
from storage.rows_pipeline import ResourceRequestEventRow, ResourceRequestRow
from tests.e2e.conftest import START, button, card_text, press, tick, wait_card
from tests.presales_world import (
    ADMIN,
    EAST,
    ENG1,
    ENG2,
    NORTH,
    REP,
    add_request,
    channel_id,
    channel_messages,
    presales_rapport,
    seed_bank,
)

LOG = "今天拜访了北辰银行的李娜，她对核心系统改造很感兴趣。需要售前下周二前做一场产品演示。"


@pytest.fixture
def rapport(database_url: str, clock: MovableClock, tmp_path: Path) -> Iterator[LocalRapport]:
    with presales_rapport(database_url, clock, tmp_path) as (running, _rules):
        yield running


def _requests(rapport: LocalRapport) -> list[Any]:
    with rapport.runtime.engine.connect() as conn:
        return list(conn.execute(select(ResourceRequestRow).order_by(ResourceRequestRow.id)))


def _events(rapport: LocalRapport, request_id: int) -> list[tuple[str, str | None, str | None]]:
    with rapport.runtime.engine.connect() as conn:
        q = (select(ResourceRequestEventRow.kind, ResourceRequestEventRow.actor_slack_id, ResourceRequestEventRow.note)
             .where(ResourceRequestEventRow.request_id == request_id).order_by(ResourceRequestEventRow.id))
        return [tuple(row) for row in conn.execute(q)]


def _press_in(rapport: LocalRapport, user: str, message: dict[str, Any], channel: str, action_id: str) -> int:
    """Press a button on a message in a channel (not a DM) as the user."""
    b = button(message, action_id)
    return rapport.slack.block_action(user, action_id, b.get("value"), message=message, channel=channel,
                                      block_id=b["block_id"]).status


def _queue_card(rapport: LocalRapport) -> tuple[str, dict[str, Any]]:
    """The east queue's channel and its (only) card, as currently edited."""
    east = channel_id(rapport, EAST)
    assert east, "nothing was posted in #presales-east"
    return east, next(m for m in rapport.standin.messages(east) if m.get("blocks") and not m.get("thread_ts"))


def _requested_on_the_queue(rapport: LocalRapport, clock: MovableClock) -> tuple[dict[str, int], str, dict[str, Any]]:
    """The bank seeded, a demo requested on its deal and its card posted: the seeded ids, the east queue, its card."""
    ids = seed_bank(rapport, START)
    add_request(rapport, ids, START)
    tick(rapport, clock)
    return (ids, *_queue_card(rapport))


def _thread(rapport: LocalRapport) -> list[str]:
    """The requester's thread: its first line and every reply, as they read them."""
    dm = rapport.standin.messages(rapport.standin.dm_channel(REP))
    root = next(m for m in dm if "已转到" in (m.get("text") or ""))
    return [card_text(m) for m in dm if m is root or m.get("thread_ts") == root["ts"]]


def test_a_confirmed_log_asking_for_a_demo_becomes_one_request_on_the_east_queue_card(
        rapport: LocalRapport, clock: MovableClock) -> None:
    ids = seed_bank(rapport, START)
    rapport.slack.send_dm(REP, LOG)
    log_card = wait_card(rapport, REP)
    press(rapport, REP, log_card, "log_confirm")
    rapport.standin.wait_for(lambda: rapport.standin.calls_to("chat.update") or None, timeout=15)
    tick(rapport, clock)
    clock.advance(timedelta(minutes=1))
    tick(rapport, clock)  # a second tick posts nothing again

    [request] = _requests(rapport)
    assert (request.type, request.deal_id, request.queue, request.rule_index) == ("demo", ids["deal"], "east", 1)
    assert (request.state, request.assignee_slack_id, request.industry) == ("open", ENG1, "银行")
    assert [k for k, _a, _n in _events(rapport, request.id)] == ["created", "routed", "assigned"]
    east, card = _queue_card(rapport)
    assert [m for m in rapport.standin.messages(east) if m.get("blocks")] == [card]
    assert channel_messages(rapport, NORTH) == []
    text = card_text(card)
    for fact in ("产品演示 · 北辰银行", "核心系统改造 · 方案", "拍板人：李娜（支持）", f"@{ENG1}", "需要售前下周二前",
                 "规则 2", "接下", "拒绝", "转派"):
        assert fact in text, fact
    assert "03-08" not in text, "a contact's birthday is not the queue's business"
    [opened] = _thread(rapport)
    assert f"你提的北辰银行的产品演示请求已转到 #{east}（规则 2）" in opened and f"建议由 @{ENG1} 接" in opened
    assert (request.queue_channel, request.requester_channel) == (east, rapport.standin.dm_channel(REP))


def test_of_two_engineers_pressing_accept_at_once_exactly_one_gets_it_and_the_other_is_told_who(
        rapport: LocalRapport, clock: MovableClock) -> None:
    _, east, card = _requested_on_the_queue(rapport, clock)
    start = threading.Barrier(2)
    statuses: dict[str, int] = {}

    def accept(user: str) -> None:
        start.wait()
        statuses[user] = _press_in(rapport, user, card, east, "request_accept")

    pressers = [threading.Thread(target=accept, args=(u,)) for u in (ENG1, ENG2)]
    for p in pressers:
        p.start()
    for p in pressers:
        p.join()
    assert statuses == {ENG1: 200, ENG2: 200}
    told = rapport.standin.wait_for(
        lambda: [(u, e["text"]) for u in (ENG1, ENG2) for e in rapport.standin.ephemerals(east, u)] or None, timeout=15)
    [request] = _requests(rapport)
    winner, [(loser, notice)] = request.assignee_slack_id, told
    assert request.state == "accepted" and {winner, loser} == {ENG1, ENG2}
    assert notice == f"已被 <@{winner}> 接下"
    assert [k for k, _a, _n in _events(rapport, request.id)].count("accepted") == 1
    rapport.standin.wait_for(lambda: f"✅ <@{winner}> 已接下" in str(_queue_card(rapport)[1]["blocks"]) or None,
                             timeout=15)
    rapport.standin.wait_for(lambda: any(f"@{winner} 接下了你的" in line for line in _thread(rapport)) or None,
                             timeout=15)


def test_a_decline_with_a_reason_goes_to_the_next_engineer_and_the_requester_reads_why(
        rapport: LocalRapport, clock: MovableClock) -> None:
    _, east, card = _requested_on_the_queue(rapport, clock)
    assert _press_in(rapport, ENG2, card, east, "request_decline") == 200  # not proposed to ENG2: not theirs
    rapport.standin.wait_for(lambda: rapport.standin.ephemerals(east, ENG2) or None, timeout=15)
    assert rapport.standin.ephemerals(east, ENG2)[-1]["text"] == f"这一步应由 <@{ENG1}> 来做。"

    seen = len(rapport.standin.views(ENG1))
    _press_in(rapport, ENG1, card, east, "request_decline")
    view = rapport.standin.wait_for(lambda: rapport.standin.views(ENG1)[seen:] or None, timeout=15)[0]
    empty = rapport.slack.view_submission(ENG1, view, {"request:reason": {"request_value": {"value": "  "}}})
    assert empty.json()["response_action"] == "errors"
    sent = rapport.slack.view_submission(ENG1, view, {"request:reason": {"request_value": {"value": "下周在外地出差"}}})
    assert sent.status == 200

    rapport.standin.wait_for(lambda: len(_thread(rapport)) >= 2 or None, timeout=15)
    [request] = _requests(rapport)
    assert (request.state, request.assignee_slack_id) == ("open", ENG2)
    assert _events(rapport, request.id)[-2:] == [("declined", ENG1, "下周在外地出差"), ("assigned", None, ENG2)]
    assert f"@{ENG1} 没有接你的北辰银行的产品演示请求：下周在外地出差\n现在建议由 @{ENG2} 接。" in _thread(rapport)[-1]
    assert f"建议由 <@{ENG2}> 接" in str(_queue_card(rapport)[1]["blocks"])
    called = rapport.standin.wait_for(lambda: [m["text"] for m in rapport.standin.messages(east)
                                               if m.get("thread_ts") == card["ts"]] or None, timeout=15)
    assert called == [f"<@{ENG2}>，这个请求建议由你接：接下，或写明原因拒绝。"]


def test_done_asks_how_it_went_and_logs_a_professional_touch_that_raises_the_decision_makers_trust(
        rapport: LocalRapport, clock: MovableClock) -> None:
    ids, east, card = _requested_on_the_queue(rapport, clock)
    before = _professionalism(rapport, ids["li"])
    _press_in(rapport, ENG1, card, east, "request_accept")
    rapport.standin.wait_for(lambda: "request_done" in str(_queue_card(rapport)[1]["blocks"]) or None, timeout=15)
    assert _press_in(rapport, ENG2, _queue_card(rapport)[1], east, "request_done") == 200  # not the assignee
    rapport.standin.wait_for(lambda: rapport.standin.ephemerals(east, ENG2) or None, timeout=15)
    _press_in(rapport, ENG1, _queue_card(rapport)[1], east, "request_done")

    dm = rapport.standin.dm_channel(REP)
    asked = rapport.standin.wait_for(lambda: [m for m in rapport.standin.messages(dm) if "效果如何" in card_text(m)]
                                     or None, timeout=15)[-1]
    assert asked.get("thread_ts"), "asked in the requester's thread"
    seen = len(rapport.standin.views(REP))
    rapport.slack.block_action(REP, "request_outcome", button(asked, "request_outcome")["value"], message=asked,
                               channel=dm, block_id="request_outcome")
    view = rapport.standin.wait_for(lambda: rapport.standin.views(REP)[seen:] or None, timeout=15)[0]
    offered = [o["text"]["text"] for b in view["blocks"] for o in (b.get("element") or {}).get("initial_options") or ()]
    assert offered == ["李娜"], "the deal's decision chain is ticked as present"
    rapport.slack.view_submission(REP, view, {
        "request:outcome": {"request_value": {"value": "李娜很满意迁移方案，要求下月做POC"}},
        "request:people": {"request_value": {"selected_options": [{"value": str(ids["li"])}]}}})

    rapport.standin.wait_for(lambda: any("已记为与 李娜 的一次专业交流" in line for line in _thread(rapport)) or None,
                             timeout=15)
    [request] = _requests(rapport)
    assert (request.state, request.outcome) == ("done", "李娜很满意迁移方案，要求下月做POC")
    with rapport.runtime.engine.connect() as conn:
        touch = conn.execute(select(InteractionRow)).one()
        audited = set(conn.execute(select(AuditRow.entity, AuditRow.action)))
    assert (touch.channel, touch.rep_slack_id, touch.deal_id) == ("event", REP, ids["deal"])
    assert {("interaction", "create"), ("resource_request", "update")} <= audited
    assert (before, _professionalism(rapport, ids["li"])) == (0, 25)


def _professionalism(rapport: LocalRapport, contact_id: int) -> int:
    with rapport.uow_factory(TEAM) as uow:
        contact = uow.contacts.get(contact_id)
        assert contact is not None
        return trust_scores(contact, uow.interactions.history_of(contact_id), START.date()).professionalism



def test_request_presales_on_the_deal_card_asks_on_that_deal_and_leaves_a_flagged_sentence_out(
        rapport: LocalRapport, clock: MovableClock) -> None:
    ids = seed_bank(rapport, START)
    dm = rapport.standin.dm_channel(REP)
    rapport.slack.slash_command(REP, "deal 核心系统改造")
    deal_card = rapport.standin.wait_for(lambda: rapport.standin.ephemerals(dm, REP) or None, timeout=15)[-1]
    pressed = button(deal_card, "request_new")
    rapport.slack.block_action(REP, "request_new", pressed["value"], message=deal_card, channel=dm,
                               block_id=pressed["block_id"], ephemeral=True)
    view = rapport.standin.wait_for(lambda: rapport.standin.views(REP) or None, timeout=15)[-1]
    values = initial_values(view)
    assert values["request:deal"]["request_value"]["selected_option"]["value"] == str(ids["deal"])
    values["request:type"] = {"request_value": {"selected_option": {"value": "expert_talk"}}}
    values["request:details"] = {"request_value": {"value": "李娜想听同业的迁移经验。上周给李娜送了红包。"}}
    sent = rapport.slack.view_submission(REP, view, values).json()
    told = render_message({"blocks": sent["view"]["blocks"]}).text
    assert "你提的北辰银行的专家讲座请求已转到 #presales-east（规则 2）" in told and "⚠ 说明里有一句没有保存" in told

    tick(rapport, clock)
    text = card_text(_queue_card(rapport)[1])
    assert "专家讲座 · 北辰银行" in text and "李娜想听同业的迁移经验" in text and "红包" not in text


def test_a_slack_outage_while_posting_loses_nothing_the_next_tick_posts_the_card_once(
        rapport: LocalRapport, clock: MovableClock) -> None:
    ids = seed_bank(rapport, START)
    request_id = add_request(rapport, ids, START)
    rapport.standin.fail_next("chat.postMessage", status=500, times=5)
    failed = tick(rapport, clock)
    assert failed.retrying and not failed.sent and channel_messages(rapport, EAST) == []
    [kept] = _requests(rapport)
    assert (kept.id, kept.queue, kept.queue_channel) == (request_id, "east", None)

    clock.advance(timedelta(minutes=2))
    tick(rapport, clock)
    clock.advance(timedelta(minutes=5))
    tick(rapport, clock)
    east, card = _queue_card(rapport)
    assert [m for m in rapport.standin.messages(east) if m.get("blocks")] == [card]
    assert len(_thread(rapport)) == 1
    assert _requests(rapport)[0].queue_channel == east


def test_a_card_slack_refuses_for_good_is_told_to_the_requester_and_the_admin(
        rapport: LocalRapport, clock: MovableClock) -> None:
    ids = seed_bank(rapport, START)
    tick(rapport, clock)  # the rep's morning goes out first, so the next post is the card
    add_request(rapport, ids, START)
    rapport.standin.fail_next("chat.postMessage", status=200, error="not_in_channel")
    clock.advance(timedelta(minutes=1))
    assert tick(rapport, clock).failed
    clock.advance(timedelta(minutes=1))
    tick(rapport, clock)
    said = [card_text(m) for who in (REP, ADMIN) for m in rapport.standin.messages(rapport.standin.dm_channel(who))
            if "could not be posted" in card_text(m) or "无法发到" in card_text(m)]
    assert said == ["⚠ 售前请求的卡片无法发到 #presales-east（not_in_channel）：请把 Rapport 邀请进该频道（`/invite @Rapport`），"
                    "或在规则文件里改正频道。请求已保存，但队列没有看到它：频道改好后请重新提出。",
                    "⚠ The card of a presales request could not be posted in #presales-east (not_in_channel): invite "
                    "Rapport into that channel (`/invite @Rapport`) or correct the channel in the rules file. The "
                    "request is kept, but its queue has not seen it: ask again once the channel is right."]
