"""What an admin notices when Slack misbehaves or the bot is misconfigured."""

from __future__ import annotations

import logging
import urllib.request
from pathlib import Path

import pytest

from bot.app import check_token
from sandbox.local import start_local
from tests.e2e.conftest import REP, wait_card

LOG = "昨天和北辰银行的李娜吃饭，她是CTO"


def test_a_bad_slack_token_is_a_clear_log_line_not_a_crash(database_url: str, tmp_path: Path,
                                                           caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    with start_local(database_url=database_url, bot_token="xoxb-revoked", files_dir=tmp_path) as rapport:
        rapport.standin.add_user(REP, "lin", "林晓")
        assert check_token(rapport.runtime.app.client) is False
        assert "Slack refused SLACK_BOT_TOKEN (invalid_auth)" in caplog.text
        assert rapport.slack.send_dm(REP, LOG).status == 200
        assert rapport.slack.send_dm(REP, LOG + "。").status == 200  # still serving
        with urllib.request.urlopen(rapport.server.url.replace("/slack/events", "/healthz")) as health:
            assert health.status == 200
        assert rapport.standin.messages(rapport.standin.dm_channel(REP)) == []


def test_a_rate_limited_slack_is_waited_out_and_the_card_arrives(local) -> None:
    local.standin.fail_next("chat.postMessage", status=429, retry_after=1)
    local.slack.send_dm(REP, LOG)
    card = wait_card(local, REP)
    assert card["blocks"]
    statuses = [c.status for c in local.standin.calls_to("chat.postMessage")]
    assert statuses == [429, 200]


def test_healthz_answers_without_a_signature(local) -> None:
    with urllib.request.urlopen(local.server.url.replace("/slack/events", "/healthz")) as health:
        assert health.status == 200 and b'"ok": true' in health.read()
