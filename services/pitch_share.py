"""The weekly "what wins" share: the team's best pitches posted to a channel the admin chose, every Monday morning.

The worker plans one share per workspace and ISO week at the workspace's morning (RAPPORT_MORNING in
RAPPORT_TIMEZONE); the key `pitchshare:2026-W51:C0123` makes every tick, restart or second worker plan it once
per channel, so a channel chosen on Monday morning before the week's share went out still gets it.
Where it goes: the channel an admin set with `/rapport pitch channel`, else RAPPORT_PITCH_CHANNEL for a
single-workspace install (a channel id belongs to one workspace, so OAuth installs set theirs each).
It is composed as it is sent, from the same record as `/rapport pitch best`; a team whose closed deals
never heard a library pitch is told so in one line rather than left wondering where the share went.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta

from sqlalchemy.orm import Session, sessionmaker

from domain.entities import AuditEntry, User
from domain.outbox import PITCH_SHARE, Delivery
from domain.pitch_share import ShareSlot, share_slot
from services.outbox import GRACE
from services.pitch_wins import Best, best_pitches
from services.team import NotAllowed
from storage.repos_planner import enqueue_many
from storage.uow import UnitOfWork
from storage.workspace_settings import in_every_workspace, with_pitch_library

PITCH_CHANNEL = "pitch_channel"  # the workspace setting; "" when an admin turned the share off
TOP = 3  # a channel message people read in passing: three propositions, three points


@dataclass(frozen=True)
class ShareSettings:
    """When the share goes out, and the channel of a single-workspace install (None with OAuth)."""

    morning: time = time(8, 30)
    tz: str = "Asia/Shanghai"
    default_channel: str | None = None
    grace: timedelta = GRACE


@dataclass(frozen=True)
class Share:
    """One week's share: the ISO week and the best propositions and points (none: nothing to rank yet)."""

    week: str
    best: Best

    @property
    def empty(self) -> bool:
        """No closed deal has heard a library pitch: there is nothing to rank."""
        return not self.best.propositions and not self.best.points


def plan_pitch_shares(*, sessions: sessionmaker[Session], now: datetime, config: ShareSettings) -> int:
    """On Monday morning, enqueue this week's share for every workspace with a channel; returns how many were new."""
    slot = share_slot(now, config.tz, config.morning, config.grace)
    if slot is None:  # every other minute of the week: no query at all
        return 0
    with sessions() as session:
        deliveries = [Delivery(ws, PITCH_SHARE, channel, slot.due_at, share_key_in(slot, channel), {"week": slot.week})
                      for ws, channel in sorted(_channels(session, config.default_channel).items())]
        enqueued = enqueue_many(session, deliveries)
        session.commit()
    return enqueued


def share_key_in(slot: ShareSlot, channel: str) -> str:
    """One share per workspace, week and channel: an admin who moves the share on Monday while this week's is
    still waiting (Slack down, say) has it planned again for the new channel, the old one's being dropped unsent."""
    return f"{slot.key}:{channel}"


def _channels(session: Session, default: str | None) -> dict[str, str]:
    """Each workspace's share channel: its admin's choice, else the default for a workspace with a pitch library."""
    chosen = in_every_workspace(session, PITCH_CHANNEL)
    fallback = dict.fromkeys(with_pitch_library(session), default) if default else {}
    return {ws: channel for ws, channel in (fallback | chosen).items() if channel}


def chosen_channel(*, uow: UnitOfWork) -> str | None:
    """The channel this workspace's admin chose: "" when they turned the share off, None when they never chose."""
    with uow:
        return uow.settings.get(PITCH_CHANNEL)


def share_channel(*, uow: UnitOfWork, default: str | None) -> str | None:
    """Where this workspace's share goes: the channel its admin chose, else `default`; None when nowhere."""
    chosen = chosen_channel(uow=uow)
    return default if chosen is None else chosen or None


def compose_share(*, uow: UnitOfWork, delivery: Delivery, default: str | None) -> Share | None:
    """The share as of now, or None when the admin has since moved it to another channel or turned it off."""
    if share_channel(uow=uow, default=default) != delivery.recipient_slack_id:
        return None
    best = best_pitches(uow=uow)
    top = replace(best, propositions=best.propositions[:TOP], points=best.points[:TOP])
    return Share(str(delivery.payload.get("week") or ""), top)


def set_share_channel(*, uow: UnitOfWork, actor: User, channel: str | None, now: datetime,
                      announce: Callable[[str], None]) -> None:
    """An admin sends the weekly share to `channel` (None: no share); `announce` posts there first and raises
    when Rapport cannot post in it, so a channel that would swallow every share is never kept."""
    with uow:
        known = uow.users.get(actor.slack_user_id)
        if known is None or known.role != "admin":
            raise NotAllowed(actor.slack_user_id)
        before = uow.settings.get(PITCH_CHANNEL)
        if channel:
            announce(channel)
        uow.settings.put(PITCH_CHANNEL, channel or "")
        uow.audit.record(AuditEntry(actor.slack_user_id, now, "workspace", None, "update",
                                    {PITCH_CHANNEL: before}, {PITCH_CHANNEL: channel or ""}))
        uow.commit()
