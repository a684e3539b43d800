"""The real bot wired to the Slack stand-in on 127.0.0.1: used by sandbox, demo, end-to-end tests and bench."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from bot.http import HttpServer
from bot.runtime import Runtime, build
from bot.settings import Settings
from sandbox.client import SlackClientSimulator
from sandbox.standin import SlackStandIn
from services.clock import Clock
from storage.migrate import upgrade

TEAM = "T0RAPPORT"


@dataclass
class LocalRapport:
    """A running bot, its stand-in Slack, and the signed-request client that plays the users."""

    standin: SlackStandIn
    runtime: Runtime
    server: HttpServer
    slack: SlackClientSimulator
    signing_secret: str

    def __enter__(self) -> LocalRapport:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()

    @property
    def uow_factory(self) -> Any:
        """Units of work on the bot's own store, for assertions and seeding."""
        return self.runtime.deps.uow_factory

    def stop(self) -> None:
        """Stop the bot, then the stand-in, and release the store."""
        self.server.stop()
        self.standin.stop()
        self.runtime.engine.dispose()


def start_local(*, database_url: str, clock: Clock | None = None, files_dir: Path | None = None,
                bot_token: str = "xoxb-sandbox", team_id: str = TEAM, **settings: Any) -> LocalRapport:
    """Start the stand-in and the real bot over HTTP, on a migrated store; the caller stops them."""
    standin = SlackStandIn(bot_token="xoxb-sandbox", team_id=team_id, files_dir=files_dir).start()
    secret = secrets.token_hex(16)
    upgrade(database_url)
    config = Settings(_env_file=None, slack_bot_token=bot_token, slack_signing_secret=secret,  # type: ignore[call-arg]
                      slack_api_url=standin.api_url, database_url=database_url, **settings)
    runtime = build(config, clock=clock, migrate_sqlite=False)
    server = HttpServer(runtime.app, host="127.0.0.1", port=0).start()
    slack = SlackClientSimulator(server.url, secret, team_id=team_id,
                                 bot_user_id=standin.identity.bot_user_id,
                                 response_url_base=standin.response_url_base)
    return LocalRapport(standin, runtime, server, slack, secret)
