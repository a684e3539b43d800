"""The stand-in's thread-safe state: tokens, users, channels, views, files, calls and watchers."""

from __future__ import annotations

import copy
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from sandbox.records import Call, IdMaker, SandboxUser, StandInEvent, StoredFile

T = TypeVar("T")
Listener = Callable[[StandInEvent], None]


@dataclass
class Identity:
    """Who the bot is in this workspace, as auth.test reports it."""

    team_id: str = "T0001"
    team_name: str = "Rapport Sandbox"
    team_domain: str = "rapport-sandbox"
    bot_user_id: str = "U0BOT0001"
    bot_id: str = "B0BOT0001"
    app_id: str = "A0RAPPORT1"
    bot_name: str = "rapport"


@dataclass
class Ephemeral:
    """A message only one user sees."""

    user: str
    message: dict[str, Any]


@dataclass
class State:
    """Everything a chat UI needs, guarded by Workspace.lock."""

    tokens: dict[str, str] = field(default_factory=dict)
    users: dict[str, SandboxUser] = field(default_factory=dict)
    messages: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    ephemerals: dict[str, list[Ephemeral]] = field(default_factory=dict)
    named_channels: dict[str, str] = field(default_factory=dict)
    open_dms: set[str] = field(default_factory=set)
    views: dict[str, dict[str, Any]] = field(default_factory=dict)
    view_users: dict[str, str] = field(default_factory=dict)
    homes: dict[str, dict[str, Any]] = field(default_factory=dict)
    uploads: dict[str, dict[str, Any]] = field(default_factory=dict)
    files: list[StoredFile] = field(default_factory=list)
    calls: list[Call] = field(default_factory=list)


class Workspace:
    """Shared state of one fake Slack workspace; every change wakes waiters and listeners."""

    def __init__(self, identity: Identity, files_dir: Path) -> None:
        self.identity = identity
        self.files_dir = files_dir
        self.ids = IdMaker()
        self.lock = threading.RLock()
        self.changed = threading.Condition(self.lock)
        self.state = State()
        self.base_url = ""
        self._queues: list[queue.Queue[StandInEvent]] = []
        self._listeners: list[Listener] = []

    def mutate(self, change: Callable[[State], T]) -> T:
        """Apply a change under the lock and wake everyone waiting for one."""
        with self.changed:
            result = change(self.state)
            self.changed.notify_all()
            return result

    def read(self, look: Callable[[State], T]) -> T:
        """Read under the lock; the caller gets deep copies so later edits never leak back."""
        with self.lock:
            return copy.deepcopy(look(self.state))

    def record_call(self, method: str, params: dict[str, Any], token: str | None, status: int) -> None:
        """Remember one request the bot made."""
        call = Call(method, copy.deepcopy(params), token, time.time(), status)
        self.mutate(lambda s: s.calls.append(call))

    def emit(self, event: StandInEvent) -> None:
        """Tell subscribed chats and listeners that something visible happened."""
        with self.lock:
            queues, listeners = list(self._queues), list(self._listeners)
        for q in queues:
            q.put(event)
        for listener in listeners:
            listener(event)

    def subscribe(self) -> queue.Queue[StandInEvent]:
        """A queue that receives every later StandInEvent."""
        q: queue.Queue[StandInEvent] = queue.Queue()
        with self.lock:
            self._queues.append(q)
        return q

    def unsubscribe(self, q: queue.Queue[StandInEvent]) -> None:
        """Stop feeding a queue from subscribe()."""
        with self.lock:
            if q in self._queues:
                self._queues.remove(q)

    def add_listener(self, listener: Listener) -> None:
        """Call listener(event) for every later StandInEvent, on the server's thread."""
        with self.lock:
            self._listeners.append(listener)

    def wait_for(self, predicate: Callable[[], T], timeout: float) -> T:
        """Block until predicate() is truthy and return it; TimeoutError names the calls seen so far."""
        deadline = time.monotonic() + timeout
        with self.changed:
            while True:
                result = predicate()
                if result:
                    return result
                left = deadline - time.monotonic()
                if left <= 0:
                    seen = [c.method for c in self.state.calls]
                    raise TimeoutError(f"stand-in waited {timeout}s; calls so far: {seen}")
                self.changed.wait(left)

    def user_for_trigger(self, trigger_id: str) -> str | None:
        """The user a simulated trigger_id was issued for (the simulator embeds it)."""
        parts = trigger_id.split(".")
        return parts[1] if len(parts) == 3 and parts[1][:1] in ("U", "W") else None
