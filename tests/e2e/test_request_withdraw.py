"""The requester withdraws a presales request from the DM that opened its thread: the queue card shows it withdrawn
with no buttons, the thread and the member it was proposed to hear of it, and nobody is escalated to afterwards."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from handlers import ids
from sandbox.local import TEAM, LocalRapport
from services.clock import MovableClock
from tests.e2e.conftest import START, button, card_text, press, tick
from tests.presales_world import (
    EAST,
    ENG1,
    LEAD,
    REP,
    add_request,
    channel_id,
    channel_messages,
    presales_rapport,
    seed_bank,
)


@pytest.fixture
def rapport(database_url: str, clock: MovableClock, tmp_path: Path) -> Iterator[LocalRapport]:
    with presales_rapport(database_url, clock, tmp_path) as (running, _rules):
        yield running


def _opened(rapport: LocalRapport) -> dict[str, Any]:
    """The DM that opened the requester's thread, as it stands now."""
    dm = rapport.standin.messages(rapport.standin.dm_channel(REP))
    return next(m for m in dm if "已转到" in (m.get("text") or "") and not m.get("thread_ts"))


def card_channel(rapport: LocalRapport) -> str:
    east = channel_id(rapport, EAST)
    assert east, "no card was posted in #presales-east"
    return east


def _replies(rapport: LocalRapport, channel: str, root: dict[str, Any]) -> list[str]:
    return [card_text(m) for m in rapport.standin.messages(channel) if m.get("thread_ts") == root["ts"]]


def test_the_requester_withdraws_a_request_and_its_card_thread_and_proposed_member_all_show_it(
        rapport: LocalRapport, clock: MovableClock) -> None:
    request_id = add_request(rapport, seed_bank(rapport, START), START)
    tick(rapport, clock)
    opened = _opened(rapport)
    assert button(opened, ids.REQUEST_WITHDRAW)["value"] == str(request_id)
    assert press(rapport, REP, opened, ids.REQUEST_WITHDRAW) == 200
    card = next(m for m in channel_messages(rapport, EAST) if m.get("blocks") and not m.get("thread_ts"))
    east = card_channel(rapport)
    under = rapport.standin.wait_for(lambda: _replies(rapport, east, card) or None, timeout=15)  # told last

    with rapport.uow_factory(TEAM) as uow:
        request = uow.requests.get(request_id)
        kinds = [(kind, actor) for _at, actor, kind, _note in uow.requests.events(request_id)]
    assert request is not None and request.state == "cancelled" and kinds[-1] == ("cancelled", REP)
    assert _replies(rapport, rapport.standin.dm_channel(REP), opened) == [
        "你撤回了北辰银行的产品演示请求，队列不再处理它。"]
    assert "撤回" not in card_text(_opened(rapport)), "the DM keeps its words and loses its button"
    text = card_text(next(m for m in channel_messages(rapport, EAST) if m["ts"] == card["ts"]))
    assert "提出人已撤回" in text and "接下" not in text and "转派" not in text
    assert under == [f"@{ENG1}：@{REP} 撤回了这个北辰银行的产品演示请求，无需再处理。"]


def test_a_withdrawn_request_reaches_no_lead_however_long_it_stays_untaken(
        rapport: LocalRapport, clock: MovableClock) -> None:
    request_id = add_request(rapport, seed_bank(rapport, START), START)
    tick(rapport, clock)
    press(rapport, REP, _opened(rapport), ids.REQUEST_WITHDRAW)
    rapport.standin.wait_for(lambda: _replies(rapport, rapport.standin.dm_channel(REP), _opened(rapport)) or None,
                             timeout=15)
    for _ in range(4):
        clock.advance(timedelta(days=1))
        tick(rapport, clock)
    assert rapport.standin.messages(rapport.standin.dm_channel(LEAD)) == []
    with rapport.uow_factory(TEAM) as uow:
        assert "escalated_lead" not in [kind for _at, _who, kind, _note in uow.requests.events(request_id)]
