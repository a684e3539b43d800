"""What the meeting-reminder planner reads: meetings of the coming days, who of them is in a decision chain,
and which reminder cards are already in the outbox.

Like the morning planner, `meetings_between` reads across workspaces (one worker serves them all);
the other reads take the workspace they plan and filter by it. The dialog of `/rapport meeting` reads
the people and open deals a rep can pick from here too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session

from domain.meeting_moves import PLANNED
from domain.pitch_reminders import Membership
from storage.rows import AccountRow, ContactRow, UserRow
from storage.rows_pipeline import ChainMemberRow, DealRow, DeliveryRow, MeetingRow


@dataclass(frozen=True)
class PlannedMeeting:
    """A meeting as the planner needs it: whose, when (and in which zone), with whom, on which deal."""

    workspace_id: str
    id: int
    rep_slack_id: str
    on: date
    at: str | None
    tz: str | None  # the zone its time was given in (the rep's, when it was logged)
    rep_tz: str | None  # the rep's zone as Slack tells it now
    deal_id: int | None
    contact_ids: tuple[int, ...]
    created_at: datetime


def meetings_between(session: Session, first: date, last: date) -> list[PlannedMeeting]:
    """Every workspace's planned meetings (not moved or cancelled) on days first…last (by the index on the day),
    with the rep's zone."""
    q = (select(MeetingRow, UserRow.tz)
         .outerjoin(UserRow, and_(UserRow.workspace_id == MeetingRow.workspace_id,
                                  UserRow.slack_user_id == MeetingRow.rep_slack_id))
         .where(MeetingRow.on >= first, MeetingRow.on <= last, MeetingRow.state == PLANNED).order_by(MeetingRow.id))
    return [PlannedMeeting(m.workspace_id, m.id, m.rep_slack_id, m.on, m.at, m.tz, tz, m.deal_id,
                           tuple(int(c) for c in m.contact_ids or ()), m.created_at)
            for m, tz in session.execute(q)]


def planned_keys(session: Session, ws: str, keys: Sequence[str]) -> set[str]:
    """Those of these idempotency keys the outbox already holds (in any state)."""
    if not keys:
        return set()
    q = select(DeliveryRow.idempotency_key).where(DeliveryRow.workspace_id == ws,
                                                  DeliveryRow.idempotency_key.in_(list(keys)))
    return set(session.scalars(q))


def memberships(session: Session, ws: str, contact_ids: Sequence[int]) -> list[Membership]:
    """Where these contacts sit in the chains of open deals (no outcome, not in a closed stage)."""
    if not contact_ids:
        return []
    q = (select(ChainMemberRow.contact_id, ChainMemberRow.deal_id, ChainMemberRow.role, ChainMemberRow.stance)
         .join(DealRow, DealRow.id == ChainMemberRow.deal_id)
         .where(ChainMemberRow.workspace_id == ws, ChainMemberRow.contact_id.in_(list(contact_ids)), *_still_open())
         .order_by(ChainMemberRow.id))
    return [Membership(*row) for row in session.execute(q)]


def _still_open() -> tuple[ColumnElement[bool], ...]:
    # domain.pipeline.is_open, in SQL: no outcome, and not in a closed stage
    return DealRow.outcome.is_(None), DealRow.stage.not_like("closed%")


@dataclass(frozen=True)
class Choice:
    """Something a rep can pick in the meeting dialog: its id, its name, and its account's."""

    id: int
    name: str
    account: str | None
    account_id: int | None


def people_to_meet(session: Session, ws: str, *, account_ids: Sequence[int] | None, owner: str,
                   limit: int) -> list[Choice]:
    """Contacts at these accounts (None: at any) or owned by `owner`, the most important first."""
    mine, theirs = ContactRow.owner_slack_id == owner, ContactRow.account_id.in_(list(account_ids or ()))
    where = ContactRow.workspace_id == ws if account_ids is None else or_(mine, theirs)
    q = (select(ContactRow.id, ContactRow.name, AccountRow.name, ContactRow.account_id)
         .outerjoin(AccountRow, AccountRow.id == ContactRow.account_id)
         .where(ContactRow.workspace_id == ws, where)
         .order_by(ContactRow.importance.desc(), ContactRow.name, ContactRow.id).limit(limit))
    return [Choice(*row) for row in session.execute(q)]


def open_deals_at(session: Session, ws: str, *, account_ids: Sequence[int] | None, owner: str,
                  limit: int) -> list[Choice]:
    """Open deals at these accounts (None: at any) or owned by `owner`, the latest first."""
    mine, theirs = DealRow.owner_slack_id == owner, DealRow.account_id.in_(list(account_ids or ()))
    where = DealRow.workspace_id == ws if account_ids is None else or_(mine, theirs)
    q = (select(DealRow.id, DealRow.name, AccountRow.name, DealRow.account_id)
         .outerjoin(AccountRow, AccountRow.id == DealRow.account_id)
         .where(DealRow.workspace_id == ws, where, *_still_open()).order_by(DealRow.id.desc()).limit(limit))
    return [Choice(*row) for row in session.execute(q)]
