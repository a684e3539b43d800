"""The simulated Slack side against a tiny real Bolt app over HTTP."""

from __future__ import annotations

import json
from urllib.parse import parse_qs

from sandbox_tinybot import SECRET, TinyBot
from slack_sdk.signature import SignatureVerifier

from sandbox.client import SlackClientSimulator
from sandbox.standin import SlackStandIn


def wait_for_listener(bot: TinyBot, name: str, count: int = 1) -> None:
    """Listeners run after the ack, on Bolt's thread pool."""
    for _ in range(50):
        if bot.names().count(name) >= count:
            return
        bot.heard.wait(0.1)
        bot.heard.clear()
    raise AssertionError(f"{name} ran {bot.names().count(name)} times, wanted {count}; saw {bot.names()}")


def test_a_signed_request_verifies_with_slack_sdks_verifier(simulator: SlackClientSimulator) -> None:
    response = simulator.url_verification("abc")
    assert SignatureVerifier(SECRET).is_valid_request(response.request.body, response.request.headers)
    assert not SignatureVerifier("another-secret").is_valid_request(response.request.body, response.request.headers)


def test_url_verification_gets_its_challenge_back(simulator: SlackClientSimulator) -> None:
    response = simulator.url_verification("the-challenge")
    assert response.status == 200
    assert "the-challenge" in response.body


def test_a_dm_reaches_the_bot_as_an_im_message_event(simulator: SlackClientSimulator, tiny_bot: TinyBot) -> None:
    response = simulator.send_dm("U0LIN", "met Lin Tao today")
    assert response.status == 200
    wait_for_listener(tiny_bot, "message")
    body = tiny_bot.seen[0][1]
    assert body["type"] == "event_callback" and body["event_id"].startswith("Ev")
    event = body["event"]
    assert (event["channel_type"], event["channel"], event["user"]) == ("im", "D0LIN", "U0LIN")
    assert event["text"] == "met Lin Tao today" and event["client_msg_id"] and event["ts"]


def test_a_forged_signature_is_refused_with_401(simulator: SlackClientSimulator, tiny_bot: TinyBot) -> None:
    genuine = simulator.send_dm("U0LIN", "hello")
    forged = simulator.send(genuine, forge_signature=True)
    assert forged.status == 401
    wait_for_listener(tiny_bot, "message")
    assert tiny_bot.names().count("message") == 1


def test_a_request_older_than_five_minutes_is_refused(simulator: SlackClientSimulator) -> None:
    genuine = simulator.url_verification()
    assert simulator.send(genuine, age_seconds=4 * 60).status == 200
    assert simulator.send(genuine, age_seconds=6 * 60).status == 401


def test_a_retry_resends_the_same_body_with_slacks_retry_headers(
        simulator: SlackClientSimulator, tiny_bot: TinyBot) -> None:
    first = simulator.send_dm("U0LIN", "same event twice")
    second = simulator.retry(first, 1)
    assert second.status == 200 and second.request.body == first.request.body
    wait_for_listener(tiny_bot, "message", 2)
    (_, body1, _), (_, body2, headers2) = tiny_bot.seen
    assert body1["event_id"] == body2["event_id"]
    assert headers2["x-slack-retry-num"] == ["1"] and headers2["x-slack-retry-reason"] == ["http_timeout"]


def test_a_mention_starts_with_the_bots_user_id(simulator: SlackClientSimulator, tiny_bot: TinyBot) -> None:
    simulator.mention("U0LIN", "who is the decision maker?", "C0SALES")
    wait_for_listener(tiny_bot, "app_mention")
    event = tiny_bot.seen[0][1]["event"]
    assert event["text"] == "<@U0BOT0001> who is the decision maker?" and event["channel"] == "C0SALES"


def test_a_slash_command_is_form_encoded_with_response_url_and_trigger_id(
        simulator: SlackClientSimulator, tiny_bot: TinyBot) -> None:
    response = simulator.slash_command("U0LIN", "pipeline")
    fields = {k: v[0] for k, v in parse_qs(response.request.body.decode()).items()}
    assert response.request.content_type == "application/x-www-form-urlencoded"
    assert (fields["command"], fields["text"], fields["user_id"], fields["channel_id"]) == (
        "/rapport", "pipeline", "U0LIN", "D0LIN")
    assert fields["response_url"] and fields["trigger_id"]
    assert response.status == 200 and "you asked for pipeline" in response.body


def test_a_button_press_lets_the_handler_update_the_card(
        simulator: SlackClientSimulator, tiny_bot: TinyBot, standin: SlackStandIn) -> None:
    simulator.send_dm("U0LIN", "hi")
    card = standin.wait_for(lambda: standin.messages("D0LIN"))[0]
    response = simulator.block_action("U0LIN", "log_confirm", "log-1", message=card, block_id="log_card")
    assert response.status == 200
    standin.wait_for_calls("chat.update")
    body = tiny_bot.seen[-1][1]
    assert body["actions"][0]["value"] == "log-1" and body["container"]["message_ts"] == card["ts"]
    assert standin.messages("D0LIN")[0]["text"] == "Confirmed"


def test_respond_through_the_response_url_replaces_the_card_on_the_stand_in(
        simulator: SlackClientSimulator, standin: SlackStandIn) -> None:
    simulator.send_dm("U0LIN", "hi")
    card = standin.wait_for(lambda: standin.messages("D0LIN"))[0]
    simulator.block_action("U0LIN", "log_discard", "log-1", message=card, block_id="log_card")
    standin.wait_for_calls("response_url")
    (message,) = standin.messages("D0LIN")
    assert message["text"] == "Discarded" and message["blocks"] == []


def test_a_modal_opened_from_a_button_can_be_submitted_with_its_values(
        simulator: SlackClientSimulator, tiny_bot: TinyBot, standin: SlackStandIn) -> None:
    simulator.send_dm("U0LIN", "hi")
    card = standin.wait_for(lambda: standin.messages("D0LIN"))[0]
    simulator.block_action("U0LIN", "log_edit", "log-1", message=card)
    (view,) = standin.wait_for(lambda: standin.views("U0LIN"))
    values = {"summary": {"text": {"type": "plain_text_input", "value": "dinner"}}}
    assert simulator.view_submission("U0LIN", view, values).status == 200
    wait_for_listener(tiny_bot, "view_submission")
    submitted = tiny_bot.seen[-1][1]["view"]
    assert submitted["callback_id"] == "log_edit_modal" and submitted["state"]["values"] == values


def test_a_message_shortcut_carries_the_message(simulator: SlackClientSimulator, tiny_bot: TinyBot) -> None:
    message = {"type": "message", "user": "U0LIN", "text": "notes from the tender", "ts": "1700000000.000100"}
    assert simulator.message_shortcut("U0LIN", "log_this", message, "C0SALES").status == 200
    wait_for_listener(tiny_bot, "message_action")
    body = tiny_bot.seen[-1][1]
    assert body["message"]["text"] == "notes from the tender" and body["channel"]["id"] == "C0SALES"


def test_opening_app_home_lets_the_bot_publish_it(simulator: SlackClientSimulator, standin: SlackStandIn) -> None:
    simulator.app_home_opened("U0LIN")
    standin.wait_for_calls("views.publish")
    home = standin.home("U0LIN")
    assert home is not None and home["type"] == "home"


def test_interactivity_is_sent_as_a_payload_form_field(simulator: SlackClientSimulator) -> None:
    response = simulator.block_action("U0LIN", "no_such_action", "v")
    payload = json.loads(parse_qs(response.request.body.decode())["payload"][0])
    assert payload["type"] == "block_actions" and payload["user"]["id"] == "U0LIN"
