"""The presales rules a running process routes with: read at start, read again when the file changes.

`rapport serve` and `rapport worker` each hold their own. The file's modification time is looked at
when a request is routed (and at every worker tick), at most once a minute — no signal to send, and
every process of a deployment notices the edit by itself. A changed file that does not pass leaves the
rules in force as they were; its problems go to the log (RulesInForce.reload) and, once per version
of the file, to the admins in a DM (the outbox key names the version, so two processes noticing the
same bad edit tell each admin once).

With OAuth one process serves several workspaces, and a rules file's channel and user ids mean
something in one of them: the file must name its workspace (`workspace = "T…"`), serves that one, and
every other workspace routes to a default queue without a channel — as RAPPORT_PITCH_CHANNEL serves a
single-workspace install only. With one bot token the file serves the one workspace there is.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from domain.outbox import Delivery
from domain.routing import RoutingRules
from prompts import normalise_locale, t
from services.routing_rules import RulesInForce, RulesProblem, no_rules
from storage.repos_request_routing import admins
from storage.uow import UnitOfWork

CHECK_EVERY = timedelta(minutes=1)
RULES_REFUSED = "rules_refused"  # a DM to an admin: the edited rules file was refused (payload: text)
MAX_LINES = 20  # a file with a hundred mistakes: the first twenty, the admin runs `rapport rules check` for all


@dataclass(frozen=True)
class BadVersion:
    """A version of the rules file that was refused (by its content's digest), and every problem in it."""

    source: str
    digest: str
    problems: tuple[RulesProblem, ...]


class LiveRules:
    """The routing rules in force in this process, and the last refused edit of their file."""

    def __init__(self, path: Path | None, *, default_channel: str | None, default_zone: str,
                 oauth: bool = False) -> None:
        """Read the file now; a file with problems raises RulesFileRefused and the process does not start.
        `oauth`: the process serves several workspaces, and the file must name the one it is for."""
        self._path, self._oauth = path, oauth
        self._stamp = _stamp(path)
        self._in_force = RulesInForce(path, default_channel=default_channel, default_zone=default_zone,
                                      require_workspace=oauth)
        self._elsewhere = no_rules(default_channel=None if oauth else default_channel, default_zone=default_zone)
        self._checked: datetime | None = None
        self._bad: BadVersion | None = None
        self._lock = threading.Lock()

    @property
    def rules(self) -> RoutingRules:
        """The rules in force, as the file says them (see for_workspace for one workspace's)."""
        return self._in_force.rules

    def serves(self, workspace_id: str) -> bool:
        """Does the file's rules apply in this workspace: the one it names, or with one bot token one naming none."""
        named = self._in_force.rules.workspace
        return named == workspace_id or (named is None and not self._oauth)

    def for_workspace(self, workspace_id: str) -> RoutingRules:
        """The rules in force in one workspace: the file's where it serves, else the default queue alone."""
        return self._in_force.rules if self.serves(workspace_id) else self._elsewhere

    def check(self, now: datetime) -> BadVersion | None:
        """Read the file again if it changed (looked at once a minute at most); a version refused for the first
        time is returned, for the admins to hear of."""
        with self._lock:
            if self._path is None or (self._checked is not None and now - self._checked < CHECK_EVERY):
                return None
            self._checked = now
            stamp = _stamp(self._path)
            if stamp == self._stamp:
                return None
            self._stamp = stamp  # taken before reading: an edit made while reading is read at the next look
            problems = self._in_force.reload()
            if not problems:
                self._bad = None
                return None
            bad = BadVersion(str(self._path), _digest(self._path), problems)
            if self._bad is not None and self._bad.digest == bad.digest:
                return None  # touched, not changed: the admins heard of this version already
            self._bad = bad
            return bad


def tell_admins(uow: UnitOfWork, bad: BadVersion, *, now: datetime, default_locale: str) -> int:
    """Enqueue a DM to each admin of the workspace with the refused file's problems (inside the caller's unit of
    work, which commits); how many were new."""
    lines = "\n".join(str(p) for p in bad.problems[:MAX_LINES])
    more = len(bad.problems) - MAX_LINES
    told = 0
    for _ws, admin, locale in admins(uow.session, uow.workspace_id):
        lang = normalise_locale(locale, default_locale)
        text = t(lang, "request.rules_refused", file=bad.source, problems=lines)
        if more > 0:
            text += "\n" + t(lang, "request.rules_refused_more", n=more)
        told += uow.outbox.enqueue(Delivery(uow.workspace_id, RULES_REFUSED, admin, now,
                                            f"presales-rules:{bad.digest}:{admin}", {"text": text}))
    return told


def _stamp(path: Path | None) -> tuple[int, int] | None:
    """When the file was last written and how long it is; None when there is no file to read."""
    try:
        st = path.stat() if path is not None else None
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size) if st is not None else None


def _digest(path: Path) -> str:
    """A short fingerprint of what the file holds now (a missing or unreadable file is a version too)."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    except OSError as e:
        return f"unreadable-{type(e).__name__}"
