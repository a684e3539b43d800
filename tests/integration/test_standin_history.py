"""The stand-in's conversations.history and its late answers, as a worker recovering from a crash sees them."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from sandbox.standin import SlackStandIn

KEY = {"event_type": "rapport_delivery", "event_payload": {"key": "greeting:42"}}


@pytest.fixture
def standin(tmp_path: Path) -> Iterator[SlackStandIn]:
    """A running stand-in with one rep, Lin Tao."""
    with SlackStandIn(files_dir=tmp_path / "files") as running:
        running.add_user("U0LIN", "lin", "Lin Tao")
        yield running


@pytest.fixture
def web(standin: SlackStandIn) -> WebClient:
    """The bot's Web API client, pointed at the stand-in."""
    return WebClient(base_url=standin.api_url, token=standin.bot_token)


def test_history_lists_the_dm_newest_first_and_shows_metadata_only_when_asked(web: WebClient) -> None:
    web.chat_postMessage(channel="D0LIN", text="first", metadata=KEY)
    web.chat_postMessage(channel="D0LIN", text="second")
    plain = web.conversations_history(channel="D0LIN")
    assert [m["text"] for m in plain["messages"]] == ["second", "first"]
    assert plain["has_more"] is False and all("metadata" not in m for m in plain["messages"])
    full = web.conversations_history(channel="D0LIN", include_all_metadata=True)
    assert full["messages"][1]["metadata"] == KEY and "metadata" not in full["messages"][0]


def test_history_pages_by_limit_with_has_more_and_a_cursor(web: WebClient, standin: SlackStandIn) -> None:
    for n in range(5):
        web.chat_postMessage(channel="D0LIN", text=f"m{n}")
    first = web.conversations_history(channel="D0LIN", limit=2)
    assert [m["text"] for m in first["messages"]] == ["m4", "m3"] and first["has_more"] is True
    rest = web.conversations_history(channel="D0LIN", limit=10, cursor=first["response_metadata"]["next_cursor"])
    assert [m["text"] for m in rest["messages"]] == ["m2", "m1", "m0"] and rest["has_more"] is False
    assert [c.params.get("limit") for c in standin.calls_to("conversations.history")] == ["2", "10"]


def test_history_leaves_thread_replies_out_and_refuses_an_unknown_channel(web: WebClient) -> None:
    parent = web.chat_postMessage(channel="D0LIN", text="card")
    web.chat_postMessage(channel="D0LIN", text="reply", thread_ts=parent["ts"])
    assert [m["text"] for m in web.conversations_history(channel="D0LIN")["messages"]] == ["card"]
    with pytest.raises(SlackApiError, match="channel_not_found"):
        web.conversations_history(channel="D0NOBODY")


def test_a_late_answer_after_its_effect_keeps_the_message_though_the_caller_hears_late(
        web: WebClient, standin: SlackStandIn) -> None:
    arrived = standin.delay_next("chat.postMessage", 0.5, after_effect=True)
    started, heard = time.monotonic(), []
    caller = threading.Thread(target=lambda: heard.append(web.chat_postMessage(channel="D0LIN", text="sent")["ok"]))
    caller.start()
    assert arrived.wait(5) and heard == []
    assert [m["text"] for m in standin.messages("D0LIN")] == ["sent"]  # stored before the answer leaves
    caller.join(timeout=5)
    assert heard == [True] and time.monotonic() - started >= 0.5
    assert web.chat_postMessage(channel="D0LIN", text="next")["ok"]  # only the next call was delayed


def test_a_late_answer_before_its_effect_does_nothing_until_released(web: WebClient, standin: SlackStandIn) -> None:
    arrived = standin.delay_next("conversations.open", 30)
    answers: list[str] = []
    caller = threading.Thread(target=lambda: answers.append(web.conversations_open(users="U0LIN")["channel"]["id"]))
    caller.start()
    assert arrived.wait(5) and standin.calls_to("conversations.open") == []
    standin.reset()  # releases held calls, as stop() does
    caller.join(timeout=5)
    assert answers == ["D0LIN"]
