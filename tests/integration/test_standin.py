"""The Slack stand-in answers slack_sdk's WebClient over real HTTP the way Slack does."""

from __future__ import annotations

import json
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry import RateLimitErrorRetryHandler

from sandbox.standin import SlackStandIn


@pytest.fixture
def standin(tmp_path: Path) -> Iterator[SlackStandIn]:
    """A running stand-in with one rep, Lin Tao, in Shanghai."""
    with SlackStandIn(files_dir=tmp_path / "files") as running:
        running.add_user("U0LIN", "lin", "Lin Tao", tz="Asia/Shanghai", locale="zh-CN")
        running.add_user("U0ANN", "ann", "Ann Lee", tz="Europe/London", locale="en-GB")
        yield running


@pytest.fixture
def web(standin: SlackStandIn) -> WebClient:
    """The bot's Web API client, pointed at the stand-in."""
    return WebClient(base_url=standin.api_url, token=standin.bot_token)


def test_the_api_url_is_a_loopback_base_url_ending_in_a_slash(standin: SlackStandIn) -> None:
    assert standin.api_url.startswith("http://127.0.0.1:") and standin.api_url.endswith("/api/")


def test_auth_test_names_the_team_and_the_bot_user(web: WebClient, standin: SlackStandIn) -> None:
    answer = web.auth_test()
    assert (answer["team_id"], answer["user_id"], answer["bot_id"]) == ("T0001", "U0BOT0001", "B0BOT0001")
    assert answer["url"].startswith("https://")


def test_a_posted_message_shows_its_edit_after_chat_update(web: WebClient, standin: SlackStandIn) -> None:
    posted = web.chat_postMessage(channel="D0LIN", text="draft", blocks=[{"type": "divider"}])
    assert posted["message"]["bot_id"] == "B0BOT0001" and posted["channel"] == "D0LIN"
    updated = web.chat_update(channel="D0LIN", ts=posted["ts"], text="final")
    assert updated["ts"] == posted["ts"] and updated["message"]["text"] == "final"
    (message,) = standin.messages("D0LIN")
    assert message["text"] == "final" and message["blocks"] == [{"type": "divider"}] and "edited" in message


def test_updating_a_message_that_does_not_exist_is_message_not_found(web: WebClient) -> None:
    with pytest.raises(SlackApiError) as refused:
        web.chat_update(channel="D0LIN", ts="1.000001", text="x")
    assert refused.value.response["error"] == "message_not_found"


def test_an_unknown_token_is_refused_like_slack(standin: SlackStandIn) -> None:
    with pytest.raises(SlackApiError) as refused:
        WebClient(base_url=standin.api_url, token="xoxb-stolen").chat_postMessage(channel="D0LIN", text="x")
    assert refused.value.response.status_code == 200
    assert refused.value.response["error"] == "invalid_auth"
    assert standin.messages("D0LIN") == []


def test_a_call_without_a_token_is_not_authed(standin: SlackStandIn) -> None:
    with pytest.raises(SlackApiError, match="not_authed"):
        WebClient(base_url=standin.api_url).auth_test()


def test_a_token_added_for_another_team_is_accepted_for_that_team(standin: SlackStandIn) -> None:
    standin.add_token("xoxb-other", "T0002")
    assert WebClient(base_url=standin.api_url, token="xoxb-other").auth_test()["team_id"] == "T0002"


def test_an_unknown_method_is_unknown_method(web: WebClient) -> None:
    with pytest.raises(SlackApiError, match="unknown_method"):
        web.api_call("chat.doSomethingNew")


def test_a_rate_limited_call_is_retried_after_retry_after_and_then_succeeds(standin: SlackStandIn) -> None:
    standin.fail_next("chat.postMessage", status=429, retry_after=1)
    web = WebClient(base_url=standin.api_url, token=standin.bot_token,
                    retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=2)])
    started = time.monotonic()
    assert web.chat_postMessage(channel="D0LIN", text="nudge")["ok"]
    assert time.monotonic() - started >= 1.0
    assert [c.status for c in standin.calls_to("chat.postMessage")] == [429, 200]
    assert len(standin.messages("D0LIN")) == 1


def test_without_a_retry_handler_a_rate_limit_reaches_the_caller(web: WebClient, standin: SlackStandIn) -> None:
    standin.fail_next("chat.postMessage", status=429, retry_after=7)
    with pytest.raises(SlackApiError) as limited:
        web.chat_postMessage(channel="D0LIN", text="nudge")
    assert limited.value.response.status_code == 429
    assert limited.value.response.headers["Retry-After"] == "7"


def test_a_server_error_is_answered_with_that_status_then_service_resumes(web: WebClient, standin: SlackStandIn) -> None:
    standin.fail_next("users.info", status=503)
    with pytest.raises(SlackApiError) as failed:
        web.users_info(user="U0LIN")
    assert failed.value.response.status_code == 503
    assert web.users_info(user="U0LIN")["ok"]


def test_a_failure_can_be_a_slack_error_code(web: WebClient, standin: SlackStandIn) -> None:
    standin.fail_next("chat.postMessage", status=200, error="channel_not_found", times=2)
    for _ in range(2):
        with pytest.raises(SlackApiError, match="channel_not_found"):
            web.chat_postMessage(channel="C0GONE", text="x")
    assert web.chat_postMessage(channel="C0GONE", text="x")["ok"]


def test_users_info_gives_the_time_zone_and_the_locale_only_when_asked(web: WebClient) -> None:
    plain = web.users_info(user="U0LIN")["user"]
    assert (plain["tz"], plain["tz_offset"], plain["real_name"]) == ("Asia/Shanghai", 8 * 3600, "Lin Tao")
    assert "locale" not in plain
    assert web.users_info(user="U0ANN", include_locale=True)["user"]["locale"] == "en-GB"


def test_users_info_for_a_stranger_is_user_not_found(web: WebClient) -> None:
    with pytest.raises(SlackApiError, match="user_not_found"):
        web.users_info(user="U0NOBODY")


def test_conversations_open_gives_the_same_dm_channel_each_time(web: WebClient, standin: SlackStandIn) -> None:
    first = web.conversations_open(users="U0LIN")
    again = web.conversations_open(users=["U0LIN"])
    assert first["channel"]["id"] == again["channel"]["id"] == standin.dm_channel("U0LIN")
    assert first["channel"]["id"].startswith("D") and again["already_open"] is True
    assert web.conversations_open(users="U0ANN")["channel"]["id"] != first["channel"]["id"]


def test_files_upload_v2_saves_the_file_and_shares_it_in_the_thread(web: WebClient, standin: SlackStandIn) -> None:
    parent = web.chat_postMessage(channel="D0LIN", text="weekly digest")
    answer = web.files_upload_v2(channel="D0LIN", thread_ts=parent["ts"], content=b"\x89PNG chart",
                                 filename="pipeline.png", title="Pipeline", initial_comment="This week")
    assert answer["file"]["title"] == "Pipeline" and answer["file"]["id"].startswith("F")
    (stored,) = standin.files
    assert stored.path.read_bytes() == b"\x89PNG chart" and stored.path.parent == standin.files_dir
    shared = standin.messages("D0LIN")[-1]
    assert shared["thread_ts"] == parent["ts"] and shared["text"] == "This week"
    assert [c.method for c in standin.calls] == ["chat.postMessage", "files.getUploadURLExternal", "upload",
                                                 "files.completeUploadExternal"]


def test_completing_an_upload_that_never_happened_is_refused(web: WebClient) -> None:
    with pytest.raises(SlackApiError, match="file_not_found"):
        web.files_completeUploadExternal(files=[{"id": "F404", "title": "ghost"}], channel_id="D0LIN")


def test_form_encoded_calls_with_json_fields_are_understood(web: WebClient, standin: SlackStandIn) -> None:
    blocks = [{"type": "section", "text": {"type": "plain_text", "text": "表单"}}]
    web.api_call("chat.postMessage", params={"channel": "C0SALES", "blocks": json.dumps(blocks)})
    assert standin.messages("C0SALES")[0]["blocks"] == blocks


def test_a_token_in_the_body_works_like_the_header(standin: SlackStandIn) -> None:
    anonymous = WebClient(base_url=standin.api_url)
    assert anonymous.api_call("auth.test", params={"token": standin.bot_token})["ok"]


def test_ephemeral_messages_are_kept_apart_for_their_user(web: WebClient, standin: SlackStandIn) -> None:
    web.chat_postMessage(channel="C0SALES", text="for everyone")
    answer = web.chat_postEphemeral(channel="C0SALES", user="U0LIN", text="only Lin")
    assert answer["message_ts"]
    assert [m["text"] for m in standin.visible_to("U0LIN", "C0SALES")] == ["for everyone", "only Lin"]
    assert [m["text"] for m in standin.visible_to("U0ANN", "C0SALES")] == ["for everyone"]


def test_views_open_update_and_publish_are_remembered(web: WebClient, standin: SlackStandIn) -> None:
    opened = web.views_open(trigger_id="17000000000001.U0LIN.abc", view={"type": "modal", "callback_id": "edit",
                            "title": {"type": "plain_text", "text": "Edit"}, "blocks": []})
    web.views_update(view_id=opened["view"]["id"], view={"type": "modal", "callback_id": "edit2",
                     "title": {"type": "plain_text", "text": "Edit"}, "blocks": []})
    web.views_publish(user_id="U0ANN", view={"type": "home", "blocks": [{"type": "divider"}]})
    assert [v["callback_id"] for v in standin.views("U0LIN")] == ["edit2"]
    home = standin.home("U0ANN")
    assert home is not None and home["blocks"] == [{"type": "divider"}]


def test_calls_record_method_params_and_token(web: WebClient, standin: SlackStandIn) -> None:
    web.chat_postMessage(channel="D0LIN", text="hello", team_id="T0001")
    (call,) = standin.calls_to("chat.postMessage")
    assert (call.token, call.params["text"], call.params["team_id"]) == ("xoxb-test", "hello", "T0001")
    standin.reset()
    assert standin.calls == [] and standin.messages("D0LIN") == []


def test_waiting_for_calls_returns_once_a_background_sender_has_made_them(web: WebClient, standin: SlackStandIn) -> None:
    threading.Timer(0.2, lambda: web.chat_postMessage(channel="D0LIN", text="later")).start()
    (call,) = standin.wait_for_calls("chat.postMessage", 1, timeout=5)
    assert call.params["text"] == "later"
    with pytest.raises(TimeoutError, match="chat.postMessage"):
        standin.wait_for_calls("chat.postMessage", 2, timeout=0.2)


def test_subscribers_hear_of_new_and_edited_bot_messages(web: WebClient, standin: SlackStandIn) -> None:
    events = standin.subscribe()
    heard: list[str] = []
    standin.add_listener(lambda event: heard.append(event.kind))
    posted = web.chat_postMessage(channel="D0LIN", text="one")
    web.chat_update(channel="D0LIN", ts=posted["ts"], text="two")
    first, second = events.get(timeout=1), events.get(timeout=1)
    assert (first.kind, first.payload["text"]) == ("message", "one")
    assert (second.kind, second.channel, second.payload["text"]) == ("update", "D0LIN", "two")
    assert heard == ["message", "update"]


def test_a_shared_files_private_url_serves_its_bytes(web: WebClient) -> None:
    answer = web.files_upload_v2(channel="D0LIN", content=b"csv,data", filename="export.csv")
    with urllib.request.urlopen(answer["file"]["url_private"], timeout=5) as download:
        assert download.read() == b"csv,data"
