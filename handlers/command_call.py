"""One /rapport invocation, as every verb's listener receives it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from slack_bolt import BoltContext, Respond
from slack_sdk import WebClient

from domain.entities import User
from handlers.deps import Deps


@dataclass(frozen=True)
class CommandCall:
    """One /rapport invocation after the ack: who asked, what they typed after the verb, how to answer."""

    deps: Deps
    client: WebClient
    context: BoltContext
    command: dict[str, Any]
    respond: Respond
    user: User
    rest: str

    @property
    def locale(self) -> str:
        """The asker's language."""
        return self.deps.locale(self.user)
