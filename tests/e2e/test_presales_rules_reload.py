"""The rules file edited while Rapport runs: a bad edit leaves the rules in force and the admin hears of it once; a
good one is routed by from the next minute."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot.worker import worker_tick
from sandbox.local import LocalRapport
from sandbox.render import render_message
from services.clock import MovableClock
from storage.rows_pipeline import ResourceRequestRow
from tests.e2e.conftest import START
from tests.presales_world import ADMIN, RULES, add_request, presales_rapport, seed_bank

# The edit would send a bank's demos north, but misspells a key of the north queue (line 11).
BAD = RULES.replace('members = ["U0ENGNORTH"]', 'members = ["U0ENGNORTH"]\npolcy = "least_loaded"').replace(
    'industries = ["银行", "banking"]\nqueue = "east"', 'industries = ["银行", "banking"]\nqueue = "north"')
GOOD = BAD.replace('polcy = "least_loaded"', 'policy = "least_loaded"')


@pytest.fixture
def running(database_url: str, clock: MovableClock, tmp_path: Path) -> Iterator[tuple[LocalRapport, Path]]:
    with presales_rapport(database_url, clock, tmp_path) as started:
        yield started


def _edit(rules: Path, text: str, clock: MovableClock) -> None:
    """Write the file, a minute after the last look at it (the file is looked at once a minute at most)."""
    rules.write_text(text, encoding="utf-8")
    stamp = rules.stat().st_mtime + 10  # a new modification time even on a coarse clock
    os.utime(rules, (stamp, stamp))
    clock.advance(timedelta(seconds=61))


def _ask(rapport: LocalRapport, deal_id: int) -> str:
    """A demo asked for in the /rapport request dialog; what the dialog says once sent."""
    seen = len(rapport.standin.views("U0REP0001"))
    rapport.slack.slash_command("U0REP0001", "request")
    view = rapport.standin.wait_for(lambda: rapport.standin.views("U0REP0001")[seen:] or None, timeout=15)[0]
    answer = rapport.slack.view_submission("U0REP0001", view, {
        "request:type": {"request_value": {"selected_option": {"value": "demo"}}},
        "request:deal": {"request_value": {"selected_option": {"value": str(deal_id)}}},
        "request:needed_by": {"request_value": {"selected_date": None}},
        "request:details": {"request_value": {"value": "迁移方案演示"}}})
    sent: dict[str, Any] = answer.json()
    assert sent["response_action"] == "update", sent
    return render_message({"blocks": sent["view"]["blocks"]}).text


def _queues(rapport: LocalRapport) -> list[str | None]:
    with rapport.runtime.engine.connect() as conn:
        return list(conn.scalars(select(ResourceRequestRow.queue).order_by(ResourceRequestRow.id)))


def _told_admin(rapport: LocalRapport) -> list[str]:
    return [m["text"] for m in rapport.standin.messages(rapport.standin.dm_channel(ADMIN))]


def test_a_bad_edit_keeps_the_rules_in_force_and_tells_the_admin_once_a_good_one_takes_over(
        running: tuple[LocalRapport, Path], clock: MovableClock) -> None:
    rapport, rules = running
    ids = seed_bank(rapport, START)
    worker = worker_tick(rapport.runtime.settings, rapport.runtime.engine, rapport.uow_factory.sessions, clock=clock)

    _edit(rules, BAD, clock)
    assert "已转到 #presales-east（规则 2）" in _ask(rapport, ids["deal"])  # the web process: rules in force
    add_request(rapport, ids, START)
    worker()  # the worker notices the same bad version: it routes by the rules in force too
    clock.advance(timedelta(minutes=2))
    worker()
    assert _queues(rapport) == ["east", "east"]
    [told] = _told_admin(rapport)
    assert f"{rules}:11: queue 'north': unknown key 'polcy' (did you mean 'policy'?)" in told
    assert "requests are routed by the rules in force before the edit" in told

    _edit(rules, GOOD, clock)
    assert "已转到 #presales-north（规则 2）" in _ask(rapport, ids["deal"])
    assert _queues(rapport)[-1] == "north"
    worker()
    assert len(_told_admin(rapport)) == 1
