"""The Slack app manifest an admin pastes into api.slack.com."""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.manifest import EXAMPLE_URL, manifest, manifest_yaml
from handlers import ids

ROOT = Path(__file__).resolve().parents[2]


def test_every_request_goes_to_the_given_public_url() -> None:
    m = manifest("https://rapport.acme.cn/")
    endpoint = "https://rapport.acme.cn/slack/events"
    assert m["settings"]["event_subscriptions"]["request_url"] == endpoint
    assert m["settings"]["interactivity"]["request_url"] == endpoint
    assert m["features"]["slash_commands"][0]["url"] == endpoint


def test_the_manifest_declares_the_command_shortcut_events_and_app_home() -> None:
    m = manifest(EXAMPLE_URL)
    assert m["features"]["slash_commands"][0]["command"] == ids.COMMAND
    shortcut = m["features"]["shortcuts"][0]
    assert (shortcut["name"], shortcut["type"], shortcut["callback_id"]) == ("Log to Rapport", "message",
                                                                             ids.LOG_SHORTCUT)
    assert set(m["settings"]["event_subscriptions"]["bot_events"]) == {"message.im", "app_mention",
                                                                       "app_home_opened"}
    assert m["features"]["app_home"]["home_tab_enabled"]
    assert {"chat:write", "commands", "im:history", "users:read", "files:write"} <= set(m["oauth_config"]["scopes"]["bot"])


def test_the_worker_may_read_the_queue_channels_it_posts_cards_in_to_find_an_earlier_try() -> None:
    assert {"channels:history", "groups:history"} <= set(manifest(EXAMPLE_URL)["oauth_config"]["scopes"]["bot"])


def test_the_checked_in_manifest_is_what_the_command_prints() -> None:
    assert yaml.safe_load((ROOT / "manifest.yml").read_text()) == yaml.safe_load(manifest_yaml(EXAMPLE_URL))
