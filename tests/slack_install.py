"""A Slack app installed into a workspace as the OAuth flow leaves it, for tests of per-workspace tokens."""

from __future__ import annotations

from datetime import datetime

from slack_sdk.oauth.installation_store import Installation
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from sqlalchemy import Engine

CLIENT_ID = "1111.2222"


def install(engine: Engine, team: str, token: str, at: datetime) -> None:
    """Save the bot's installation into `team` with `token`, as of `at`."""
    SQLAlchemyInstallationStore(client_id=CLIENT_ID, engine=engine).save(Installation(
        app_id="A0RAPPORT1", team_id=team, bot_token=token, bot_id="B0BOT0001", bot_user_id="U0BOT0001",
        bot_scopes=["chat:write", "im:history"], user_id="U0ADMIN01", installed_at=at.timestamp()))
