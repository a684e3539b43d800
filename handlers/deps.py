"""What every listener needs, built once at start-up and handed to register(app)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from domain.entities import User
from services.clock import Clock
from services.requests_rules import LiveRules
from services.understander import InProcess, Understander
from services.users import user_profile, user_zone
from storage.uow import UnitOfWork, UnitOfWorkFactory

log = logging.getLogger("rapport.handlers")


@dataclass(frozen=True)
class Deps:
    """The store, the clock and the workspace defaults."""

    uow_factory: UnitOfWorkFactory
    clock: Clock
    default_tz: str = "Asia/Shanghai"
    default_locale: str = "zh-CN"
    morning: str = "08:30"  # RAPPORT_MORNING: when a snoozed nudge comes back, in the rep's zone
    pitch_channel: str | None = None  # RAPPORT_PITCH_CHANNEL of a single-workspace install: the share's default
    understand: Understander = field(default_factory=InProcess)
    # When set (rapport serve), a DM's log is handed to this instead of being worked in this process.
    offload: Callable[[Any], None] | None = None
    # RAPPORT_PRESALES_RULES as this process reads it (none: every request to the default queue, no channel).
    presales: LiveRules = field(default_factory=lambda: LiveRules(None, default_channel=None, default_zone="UTC"))

    def uow(self, context: Any) -> UnitOfWork:
        """A unit of work scoped to the workspace the request came from."""
        return self.uow_factory(workspace_of(context))

    def user(self, client: WebClient, context: Any, user_id: str) -> User:
        """The user's cached profile (locale, time zone), asking Slack when it is stale."""
        return user_profile(uow=self.uow(context), slack_user_id=user_id, now=self.clock.now(),
                            fetch=_users_info(client, user_id))

    def local_now(self, user: User) -> datetime:
        """Now, in the user's time zone: what "today" and "yesterday" mean to them."""
        return self.clock.now().astimezone(user_zone(user, self.default_tz))

    def seen_before(self, body: dict[str, Any], context: Any) -> bool:
        """True when this Slack event was handled already: a retry is answered by the ack, not redone.

        Checked after the ack, inside the listener, so the store never holds an ack back."""
        event_id = body.get("event_id")
        if not event_id:
            return False
        with self.uow(context) as uow:
            first = uow.events.first_time(str(event_id), now=self.clock.now())
            uow.commit()
        if not first:
            log.info("event %s already handled; this retry is not redone", event_id)
        return not first

    def locale(self, user: User) -> str:
        """The user's language, or the workspace's."""
        return user.locale or self.default_locale


def pressed_card(body: dict[str, Any]) -> tuple[str | None, str | None]:
    """The channel and ts of the message a button was pressed on: where to update it, what an audit names."""
    container = body.get("container") or {}
    return container.get("channel_id"), container.get("message_ts")


def workspace_of(context: Any) -> str:
    """The Slack workspace (team) a request belongs to; every query is scoped by it."""
    team = context.get("team_id") or context.get("enterprise_id")
    if not team:
        raise ValueError("request carries no team_id")
    return str(team)


def _users_info(client: WebClient, user_id: str) -> Callable[[], dict[str, Any] | None]:
    def fetch() -> dict[str, Any] | None:
        try:
            user: dict[str, Any] = client.users_info(user=user_id, include_locale=True)["user"]
            return user
        except SlackApiError as e:
            log.warning("users.info for %s failed (%s); using workspace defaults", user_id, e.response.get("error"))
            return None

    return fetch
