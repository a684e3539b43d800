"""TerminalChat driving a tiny real Bolt app through the stand-in."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from slack_sdk import WebClient

from sandbox.chat import TerminalChat
from sandbox.client import SlackClientSimulator
from sandbox.standin import SlackStandIn


@pytest.fixture
def chat(standin: SlackStandIn, simulator: SlackClientSimulator) -> Iterator[TerminalChat]:
    """Lin Tao's DM with the tiny bot."""
    terminal = TerminalChat(standin, simulator, "U0LIN")
    yield terminal
    terminal.close()


def test_a_reply_with_buttons_is_shown_numbered(chat: TerminalChat) -> None:
    chat.say("hi")
    reply = chat.wait_reply(timeout=5)
    assert reply.startswith("rapport> Logged: lunch with Lin Tao")
    assert "[1] Confirm  [2] Edit  [3] Discard" in reply


def test_pressing_a_number_presses_that_button_of_the_latest_card(chat: TerminalChat, standin: SlackStandIn) -> None:
    chat.say("hi")
    chat.wait_reply(timeout=5)
    assert chat.press(1).status == 200
    assert chat.wait_reply(timeout=5) == "rapport (edited)> Confirmed"
    assert [m["text"] for m in standin.messages("D0LIN")] == ["hi", "Confirmed"]


def test_pressing_without_a_card_says_so(chat: TerminalChat) -> None:
    with pytest.raises(LookupError):
        chat.press(1)


def test_a_slash_command_acknowledgement_is_shown_to_the_user_only(chat: TerminalChat, standin: SlackStandIn) -> None:
    chat.say("/rapport pipeline")
    assert chat.wait_reply(timeout=5) == "rapport (only you)> you asked for pipeline"
    assert standin.ephemerals("D0LIN", "U0LIN")[0]["text"] == "you asked for pipeline"


def test_a_modal_opened_by_a_button_is_shown_and_can_be_submitted(chat: TerminalChat) -> None:
    chat.say("hi")
    chat.wait_reply(timeout=5)
    chat.press(2)
    assert chat.wait_reply(timeout=5) == "[modal]\n## Edit\nSummary: lunch\n<Save>"
    assert chat.submit().status == 200


def test_a_file_the_bot_shares_shows_where_it_was_saved(chat: TerminalChat, standin: SlackStandIn) -> None:
    bot = WebClient(base_url=standin.api_url, token=standin.bot_token)
    bot.files_upload_v2(channel="D0LIN", content=b"chart", filename="pipeline.png", title="Pipeline")
    reply = chat.wait_reply(timeout=5)
    saved = standin.files[0].path
    assert f"[file: Pipeline saved to {saved}]" in reply and saved.read_bytes() == b"chart"


def test_the_loop_types_presses_and_quits(chat: TerminalChat) -> None:
    typed = iter(["hi", "9", "3", "/quit", "never read"])
    shown: list[str] = []
    chat.run(input_fn=lambda prompt: next(typed), output=shown.append, reply_timeout=5)
    assert any("[1] Confirm  [2] Edit  [3] Discard" in s for s in shown)
    assert "rapport (edited)> Discarded" in shown
    assert any("no button [9]" in s for s in shown)
    assert next(typed) == "never read"


def test_the_loop_ends_at_end_of_input(chat: TerminalChat) -> None:
    def no_more(prompt: str) -> str:
        raise EOFError

    chat.run(input_fn=no_more, output=lambda text: None)
