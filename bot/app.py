"""The Bolt app factory: Slack wiring, retry de-duplication, and every feature's register(app)."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry import RetryHandler
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import Engine

from bot.manifest import BOT_SCOPES
from bot.settings import Settings
from handlers import (
    commands,
    deal_edit,
    deal_pitches,
    errors,
    home,
    log_actions,
    logs,
    nudges,
    pitch_reminders,
    pitches,
    profiles,
    request_withdraw,
    requests,
)
from handlers.deps import Deps

log = logging.getLogger("rapport.bot")

FEATURES = (logs, log_actions, commands, profiles, deal_edit, deal_pitches, pitches, pitch_reminders, requests,
            request_withdraw, home, nudges, errors)


def web_client(settings: Settings, token: str | None = None, *, resend: bool = True) -> WebClient:
    """A Web API client that waits out 429s and, with `resend`, retries 5xx and dropped connections.

    A 429 means Slack did nothing, so waiting and asking again is always safe. After a 5xx or a
    dropped connection Slack may have posted the message anyway: the worker passes resend=False
    and leaves the retry to its outbox, which first looks for the message in the DM."""
    handlers: list[RetryHandler] = [RateLimitErrorRetryHandler(max_retry_count=3)]
    if resend:
        handlers += [ServerErrorRetryHandler(max_retry_count=2), ConnectionErrorRetryHandler(max_retry_count=2)]
    return WebClient(token=token if token is not None else settings.slack_bot_token, base_url=settings.slack_api_url,
                     retry_handlers=handlers)


def _oauth(settings: Settings, engine: Engine) -> OAuthSettings:
    installations = SQLAlchemyInstallationStore(client_id=str(settings.slack_client_id), engine=engine)
    states = SQLAlchemyOAuthStateStore(expiration_seconds=600, engine=engine)
    return OAuthSettings(client_id=settings.slack_client_id, client_secret=settings.slack_client_secret,
                         scopes=BOT_SCOPES, installation_store=installations, state_store=states)


def create_app(settings: Settings, deps: Deps, *, engine: Engine | None = None) -> App:
    """A Bolt app for one workspace (bot token) or many (OAuth client id and secret)."""
    common: dict[str, Any] = {
        "signing_secret": settings.slack_signing_secret or "",
        "process_before_response": False,  # ack first; the work runs after, never holding the ack back
        "token_verification_enabled": False,  # a bad token is reported by check_token, not a crash
    }
    if settings.oauth_enabled and engine is not None:
        app = App(oauth_settings=_oauth(settings, engine), client=web_client(settings, token=""), **common)
    else:
        app = App(client=web_client(settings), **common)  # the client carries the token
    for feature in FEATURES:
        feature.register(app, deps)
    return app


def check_token(client: WebClient) -> bool:
    """Ask Slack who we are; a refused token becomes one clear log line instead of a crash."""
    try:
        who = client.auth_test()
    except SlackApiError as e:
        log.error("Slack refused SLACK_BOT_TOKEN (%s): check the bot token of the installed app; "
                  "Rapport keeps running but cannot reply until it is fixed", e.response.get("error"))
        return False
    except Exception as e:  # unreachable API URL and the like
        log.error("Slack Web API at %s could not be reached: %s", client.base_url, e)
        return False
    log.info("connected to Slack workspace %s as %s", who.get("team"), who.get("user"))
    return True
