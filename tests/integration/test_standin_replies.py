"""The stand-in's conversations.replies, as a worker looking for a thread line an earlier try posted sees it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from sandbox.standin import SlackStandIn

KEY = {"event_type": "rapport_delivery", "event_payload": {"key": "request:7:lead:1803862800:thread"}}


@pytest.fixture
def web(tmp_path: Path) -> Iterator[WebClient]:
    """The bot's Web API client, pointed at a running stand-in with one rep."""
    with SlackStandIn(files_dir=tmp_path / "files") as running:
        running.add_user("U0LIN", "lin", "Lin Tao")
        yield WebClient(base_url=running.api_url, token=running.bot_token)


def test_replies_give_the_parent_then_its_replies_oldest_first_with_metadata_only_when_asked(web: WebClient) -> None:
    parent = web.chat_postMessage(channel="D0LIN", text="your demo request went to #presales-east")
    web.chat_postMessage(channel="D0LIN", text="the lead heard of it", thread_ts=parent["ts"], metadata=KEY)
    web.chat_postMessage(channel="D0LIN", text="not in the thread")
    web.chat_postMessage(channel="D0LIN", text="taken by Sun", thread_ts=parent["ts"])
    plain = web.conversations_replies(channel="D0LIN", ts=parent["ts"])
    assert [m["text"] for m in plain["messages"]] == ["your demo request went to #presales-east",
                                                      "the lead heard of it", "taken by Sun"]
    assert plain["has_more"] is False and all("metadata" not in m for m in plain["messages"])
    full = web.conversations_replies(channel="D0LIN", ts=parent["ts"], include_all_metadata=True)
    assert full["messages"][1]["metadata"] == KEY


def test_replies_of_a_reply_give_its_whole_thread_and_of_a_lone_message_just_it(web: WebClient) -> None:
    parent = web.chat_postMessage(channel="D0LIN", text="card")
    reply = web.chat_postMessage(channel="D0LIN", text="line", thread_ts=parent["ts"])
    alone = web.chat_postMessage(channel="D0LIN", text="alone")
    assert [m["text"] for m in web.conversations_replies(channel="D0LIN", ts=reply["ts"])["messages"]] == ["card", "line"]
    assert [m["text"] for m in web.conversations_replies(channel="D0LIN", ts=alone["ts"])["messages"]] == ["alone"]


def test_replies_page_by_limit_with_a_cursor_oldest_first(web: WebClient) -> None:
    parent = web.chat_postMessage(channel="D0LIN", text="m0")
    for n in range(1, 5):
        web.chat_postMessage(channel="D0LIN", text=f"m{n}", thread_ts=parent["ts"])
    first = web.conversations_replies(channel="D0LIN", ts=parent["ts"], limit=2)
    assert [m["text"] for m in first["messages"]] == ["m0", "m1"] and first["has_more"] is True
    rest = web.conversations_replies(channel="D0LIN", ts=parent["ts"], limit=10,
                                     cursor=first["response_metadata"]["next_cursor"])
    assert [m["text"] for m in rest["messages"]] == ["m2", "m3", "m4"] and rest["has_more"] is False


def test_replies_refuse_an_unknown_channel_or_message(web: WebClient) -> None:
    web.chat_postMessage(channel="D0LIN", text="card")
    with pytest.raises(SlackApiError, match="channel_not_found"):
        web.conversations_replies(channel="D0NOBODY", ts="1.000100")
    with pytest.raises(SlackApiError, match="thread_not_found"):
        web.conversations_replies(channel="D0LIN", ts="1.000100")
