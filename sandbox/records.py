"""Plain records the Slack stand-in keeps and hands out: calls, events, users, files, ids."""

from __future__ import annotations

import itertools
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class Call:
    """One request the bot made to the stand-in (failed ones included)."""

    method: str
    params: dict[str, Any] = field(hash=False)
    token: str | None
    at: float
    status: int = 200


@dataclass(frozen=True)
class StandInEvent:
    """Something a chat UI should show: kind is message, update, delete, ephemeral, file, view or home."""

    kind: str
    channel: str | None
    payload: dict[str, Any] = field(hash=False)
    user: str | None = None


@dataclass
class SandboxUser:
    """A workspace member as users.info describes them."""

    user_id: str
    name: str
    real_name: str
    tz: str = "Asia/Shanghai"
    locale: str = "zh-CN"
    is_admin: bool = False
    is_bot: bool = False
    team_id: str = "T0001"

    def profile(self) -> dict[str, Any]:
        """The user's profile object."""
        return {"real_name": self.real_name, "real_name_normalized": self.real_name, "display_name": self.name,
                "display_name_normalized": self.name, "team": self.team_id}

    def to_slack(self, *, include_locale: bool) -> dict[str, Any]:
        """The user object exactly as users.info returns it."""
        now = datetime.now(ZoneInfo(self.tz))
        offset = now.utcoffset()
        user: dict[str, Any] = {
            "id": self.user_id,
            "team_id": self.team_id,
            "name": self.name,
            "deleted": False,
            "color": "9f69e7",
            "real_name": self.real_name,
            "tz": self.tz,
            "tz_label": now.tzname() or self.tz,
            "tz_offset": int(offset.total_seconds()) if offset else 0,
            "profile": self.profile(),
            "is_admin": self.is_admin,
            "is_owner": False,
            "is_primary_owner": False,
            "is_restricted": False,
            "is_ultra_restricted": False,
            "is_bot": self.is_bot,
            "is_app_user": False,
            "updated": int(time.time()),
        }
        # Real Slack leaves locale out unless it is asked for; bots that forget the flag must notice.
        if include_locale:
            user["locale"] = self.locale
        return user


@dataclass(frozen=True)
class StoredFile:
    """A file the bot uploaded and shared, with where the stand-in saved its bytes."""

    file_id: str
    filename: str
    title: str
    channels: tuple[str, ...]
    thread_ts: str | None
    path: Path
    size: int


def dm_channel_for(user_id: str) -> str:
    """The stable direct-message channel id between the bot and a user ("U123" -> "D123")."""
    return "D" + (user_id[1:] if user_id[:1] in ("U", "W") else user_id)


class IdMaker:
    """Slack-looking ids and message timestamps, unique and increasing within one process."""

    def __init__(self) -> None:
        self._counter = itertools.count(1)
        self._lock = threading.Lock()

    def next(self, prefix: str) -> str:
        """A fresh id such as F0000000007."""
        with self._lock:
            return f"{prefix}{next(self._counter):010d}"

    def ts(self) -> str:
        """A message ts: seconds, then a counter so two messages never share one and order is kept."""
        with self._lock:
            return f"{int(time.time())}.{next(self._counter):06d}"


def ts_key(ts: str) -> tuple[int, int]:
    """Sort key for message timestamps (floats would lose the counter's last digits)."""
    seconds, _, fraction = ts.partition(".")
    return int(seconds), int(fraction or 0)
