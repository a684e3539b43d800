"""The Slack app manifest: scopes, the /rapport command, the "Log to Rapport" shortcut, events, App Home."""

from __future__ import annotations

from typing import Any

import yaml

from handlers import ids

# The history scopes let the worker look for an earlier try before posting a retry: im:history in DMs,
# channels:history and groups:history in the public and private channels of the presales queues (without them
# Slack answers missing_scope and a card a dead worker got through is posted twice).
BOT_SCOPES = [
    "app_mentions:read", "channels:history", "chat:write", "commands", "files:write", "groups:history",
    "im:history", "im:read", "im:write", "users:read",
]
EXAMPLE_URL = "https://rapport.example.com"


def manifest(url: str) -> dict[str, Any]:
    """The manifest for an app whose requests go to `url` (its public base URL)."""
    endpoint = url.rstrip("/") + "/slack/events"
    return {
        "display_information": {
            "name": "Rapport",
            "description": "Relationship intelligence for key-account sales",
            "long_description": (
                "Tell Rapport in a line of Chinese or English what happened with a customer. It keeps each "
                "account's relationship graph and each deal's decision chain current, and nudges you at the "
                "right time: greetings, keep-in-touch reminders, presales requests and 60-second pitches."
            ),
            "background_color": "#1f3a5f",
        },
        "features": {
            "app_home": {"home_tab_enabled": True, "messages_tab_enabled": True,
                         "messages_tab_read_only_enabled": False},
            "bot_user": {"display_name": "Rapport", "always_online": True},
            "slash_commands": [{
                "command": ids.COMMAND, "url": endpoint, "description": "Log a meeting; look up people, accounts, deals and pitches",
                "usage_hint": "log <what happened> | deal <name> | pipeline | pitch | meeting | help", "should_escape": True,
            }],
            "shortcuts": [{"name": "Log to Rapport", "type": "message", "callback_id": ids.LOG_SHORTCUT,
                           "description": "Turn this message into a meeting log"}],
        },
        "oauth_config": {"scopes": {"bot": list(BOT_SCOPES)}, "redirect_urls": [url.rstrip("/") + "/slack/oauth_redirect"]},
        "settings": {
            "event_subscriptions": {"request_url": endpoint,
                                    "bot_events": ["app_home_opened", "app_mention", "message.im"]},
            "interactivity": {"is_enabled": True, "request_url": endpoint},
            "org_deploy_enabled": False,
            "socket_mode_enabled": False,
            "token_rotation_enabled": False,
        },
    }


def manifest_yaml(url: str) -> str:
    """The manifest as YAML, ready to paste into api.slack.com/apps → Create New App → From a manifest."""
    return "# Slack app manifest for Rapport. Regenerate with: rapport manifest --url https://your.host\n" + yaml.safe_dump(
        manifest(url), sort_keys=False, allow_unicode=True)
