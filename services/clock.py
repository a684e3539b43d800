"""Where time comes from: the system in production, a hand-moved clock in tests and `--now`."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """Anything that tells the current instant, timezone-aware."""

    def now(self) -> datetime: ...


class SystemClock:
    """The real time, in UTC."""

    def now(self) -> datetime:
        """The current instant in UTC."""
        return datetime.now(UTC)


class MovableClock:
    """A clock tests and operators set and move by hand."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("the clock needs a timezone-aware start")
        self._now = start.astimezone(UTC)
        self._lock = threading.Lock()

    def now(self) -> datetime:
        """The instant the clock shows."""
        with self._lock:
            return self._now

    def set(self, instant: datetime) -> None:
        """Jump to an instant."""
        with self._lock:
            self._now = instant.astimezone(UTC)

    def advance(self, delta: timedelta) -> None:
        """Move forward."""
        with self._lock:
            self._now += delta
