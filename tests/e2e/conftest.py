"""The real bot on 127.0.0.1 against the Slack stand-in, on SQLite and on PostgreSQL."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from sandbox.local import LocalRapport, start_local
from services.clock import MovableClock
from services.outbox import TickReport

REP = "U0REP0001"
EN_REP = "U0REP0002"
# 09:00 in Shanghai on Wednesday 9 December 2026.
START = datetime(2026, 12, 9, 1, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> MovableClock:
    """The clock the bot reads; tests move it."""
    return MovableClock(START)


@pytest.fixture
def local(database_url: str, clock: MovableClock, tmp_path: Path) -> Iterator[LocalRapport]:
    """Bot + stand-in with a Chinese-speaking rep in Shanghai and an English-speaking one in London."""
    with start_local(database_url=database_url, clock=clock, files_dir=tmp_path / "files") as rapport:
        rapport.standin.add_user(REP, "lin.xiao", "林晓", tz="Asia/Shanghai", locale="zh-CN")
        rapport.standin.add_user(EN_REP, "sam", "Sam Carter", tz="Europe/London", locale="en-US")
        yield rapport


def cards(rapport: LocalRapport, user: str) -> list[dict[str, Any]]:
    """The bot's messages with buttons in the user's DM, oldest first."""
    return [m for m in rapport.standin.messages(rapport.standin.dm_channel(user))
            if m.get("bot_id") or m.get("user") == rapport.standin.identity.bot_user_id]


def wait_card(rapport: LocalRapport, user: str, count: int = 1) -> dict[str, Any]:
    """Wait for the user's count-th card from the bot and return the latest."""
    found = rapport.standin.wait_for(lambda: cards(rapport, user)[count - 1:] or None, timeout=15)
    return found[-1]


def button(message: dict[str, Any], action_id: str) -> dict[str, Any]:
    """The button with this action_id on a message."""
    for block in message.get("blocks") or []:
        for element in block.get("elements") or []:
            if element.get("action_id") == action_id:
                return dict(element, block_id=block.get("block_id"))
    raise AssertionError(f"no {action_id} button on {message.get('text')!r}")


def press(rapport: LocalRapport, user: str, message: dict[str, Any], action_id: str) -> int:
    """Press a button on a card as the user; returns the HTTP status of the bot's ack."""
    b = button(message, action_id)
    answer = rapport.slack.block_action(user, action_id, b.get("value"), message=message,
                                        channel=rapport.standin.dm_channel(user), block_id=b["block_id"])
    return answer.status


def answer(rapport: LocalRapport, user: str, text: str) -> str:
    """Send `/rapport text` as the user and return the bot's ephemeral answer as they read it."""
    from sandbox.render import render_message

    channel = rapport.standin.dm_channel(user)
    seen = len(rapport.standin.ephemerals(channel, user))
    rapport.slack.slash_command(user, text)
    found = rapport.standin.wait_for(lambda: rapport.standin.ephemerals(channel, user)[seen:] or None, timeout=15)
    return render_message(found[-1]).text


def tick(rapport: LocalRapport, clock: MovableClock) -> TickReport:
    """One tick of the real worker as of the clock: each due morning planned, then everything due posted."""
    from bot.worker import worker_tick

    return worker_tick(rapport.runtime.settings, rapport.runtime.engine, rapport.uow_factory.sessions, clock=clock)()


def card_text(message: dict[str, Any]) -> str:
    """Everything a person reads on a card."""
    from sandbox.render import render_message

    return render_message(message).text


def children(pid: int) -> list[int]:
    """The processes whose parent is pid (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    """True while pid runs (a zombie counts as gone)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}/stat").exists() and " Z " not in Path(f"/proc/{pid}/stat").read_text()
