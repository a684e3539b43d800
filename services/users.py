"""Who is talking to Rapport: their locale and time zone, fetched from Slack once a day at most."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from domain.entities import User
from storage.uow import UnitOfWork

PROFILE_MAX_AGE = timedelta(hours=24)


def user_profile(*, uow: UnitOfWork, slack_user_id: str, now: datetime,
                 fetch: Callable[[], dict[str, Any] | None]) -> User:
    """The cached profile, refreshed through `fetch` (users.info's user object) when stale or new."""
    with uow:
        known = uow.users.get(slack_user_id)
    if known is not None and known.refreshed_at and now - known.refreshed_at < PROFILE_MAX_AGE:
        return known
    info = fetch()
    if info is None:  # Slack could not tell us: keep what we had, or defaults
        return known or User(slack_user_id)
    fresh = User(
        slack_user_id=slack_user_id,
        name=info.get("real_name") or info.get("name") or "",
        # Whoever administers the Slack workspace administers Rapport until an admin says otherwise.
        role=known.role if known else ("admin" if info.get("is_admin") or info.get("is_owner") else "rep"),
        locale=info.get("locale"), tz=info.get("tz"),
        manager_slack_id=known.manager_slack_id if known else None,
        refreshed_at=now,
    )
    with uow:
        saved = uow.users.save(fresh)
        uow.commit()
    return saved


def user_zone(user: User, default: str) -> ZoneInfo:
    """The user's time zone, or the workspace default when Slack gave none or an unknown one."""
    return first_known_zone(user.tz, default)


def first_known_zone(*names: str | None) -> ZoneInfo:
    """The first of these zones Python knows of (a Slack profile may name one it does not); UTC at worst."""
    for name in names:
        if not name:
            continue
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            continue
    return ZoneInfo("UTC")
