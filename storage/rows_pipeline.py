"""Rows for deals and what moves them: chains, control points, pitches, requests, occasions, outbox."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.base import Base, WorkspaceScoped


class DealRow(WorkspaceScoped, Base):
    __tablename__ = "deals"

    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id", ondelete="SET NULL"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    amount: Mapped[Decimal | None] = mapped_column(Numeric(18, 2))
    currency: Mapped[str | None] = mapped_column(String(3))
    stage: Mapped[str] = mapped_column(String(32), default="discovery")
    budget_on: Mapped[date | None] = mapped_column(Date)
    rfp_due: Mapped[date | None] = mapped_column(Date)
    tender_on: Mapped[date | None] = mapped_column(Date)
    close_on: Mapped[date | None] = mapped_column(Date)
    award_method: Mapped[str | None] = mapped_column(String(32))
    award_rule: Mapped[str | None] = mapped_column(String(32))
    evaluation_criteria: Mapped[list[Any]] = mapped_column(default=list)
    competitors: Mapped[list[Any]] = mapped_column(default=list)
    outcome: Mapped[str | None] = mapped_column(String(16))  # won / lost / abandoned
    outcome_reason: Mapped[str | None] = mapped_column(Text)
    winner: Mapped[str | None] = mapped_column(String(200))
    winning_price: Mapped[Decimal | None] = mapped_column(Numeric(18, 2))  # in the deal's currency
    custom: Mapped[dict[str, Any]] = mapped_column(default=dict)
    owner_slack_id: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class ChainMemberRow(WorkspaceScoped, Base):
    __tablename__ = "chain_members"
    __table_args__ = (UniqueConstraint("deal_id", "contact_id"),)

    deal_id: Mapped[int] = mapped_column(ForeignKey("deals.id", ondelete="CASCADE"), index=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(32))
    influence: Mapped[int] = mapped_column(Integer, default=3)
    stance: Mapped[str] = mapped_column(String(16), default="unknown")
    # The project team's own reporting line, which may differ from the org chart.
    reports_to_member_id: Mapped[int | None] = mapped_column(ForeignKey("chain_members.id", ondelete="SET NULL"))


class ControlPointRow(WorkspaceScoped, Base):
    __tablename__ = "control_points"
    __table_args__ = (UniqueConstraint("deal_id", "key"),)

    deal_id: Mapped[int] = mapped_column(ForeignKey("deals.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(32))
    state: Mapped[str] = mapped_column(String(16), default="unknown")
    evidence: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime]


class ValuePropositionRow(WorkspaceScoped, Base):
    __tablename__ = "value_propositions"

    title: Mapped[str] = mapped_column(String(200))
    points: Mapped[list[Any]] = mapped_column(default=list)
    tags: Mapped[list[Any]] = mapped_column(default=list)
    industries: Mapped[list[Any]] = mapped_column(default=list)
    products: Mapped[list[Any]] = mapped_column(default=list)
    roles: Mapped[list[Any]] = mapped_column(default=list)
    locale: Mapped[str | None] = mapped_column(String(16))
    created_by: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime]
    updated_by: Mapped[str | None] = mapped_column(String(32))
    updated_at: Mapped[datetime | None]
    archived: Mapped[bool] = mapped_column(Boolean, default=False)


class DealPitchRow(WorkspaceScoped, Base):
    """The proposition chosen for one chain role of a deal (a CFO hears cost and risk)."""

    __tablename__ = "deal_pitches"
    __table_args__ = (UniqueConstraint("workspace_id", "deal_id", "role"),)

    deal_id: Mapped[int] = mapped_column(ForeignKey("deals.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(32))
    proposition_id: Mapped[int] = mapped_column(ForeignKey("value_propositions.id", ondelete="CASCADE"))
    chosen_by: Mapped[str | None] = mapped_column(String(32))
    chosen_at: Mapped[datetime]


class PitchDeliveryRow(WorkspaceScoped, Base):
    # One row per point per person per occasion: `source_key` (the log's message or the meeting's
    # button) makes recording the same occasion twice a no-op.
    __tablename__ = "pitch_deliveries"
    __table_args__ = (UniqueConstraint("workspace_id", "contact_id", "point", "source_key"),
                      Index("ix_pitch_deliveries_deal", "workspace_id", "deal_id"))

    proposition_id: Mapped[int | None] = mapped_column(ForeignKey("value_propositions.id", ondelete="SET NULL"))
    point: Mapped[str] = mapped_column(Text)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"), index=True)
    deal_id: Mapped[int | None] = mapped_column(ForeignKey("deals.id", ondelete="SET NULL"))
    interaction_id: Mapped[int | None] = mapped_column(ForeignKey("interactions.id", ondelete="SET NULL"))
    channel: Mapped[str] = mapped_column(String(16))
    delivered_at: Mapped[datetime]
    source_key: Mapped[str | None] = mapped_column(String(80))


class MeetingRow(WorkspaceScoped, Base):
    """A meeting a rep has planned with customer contacts (from a log or /rapport meeting)."""

    __tablename__ = "meetings"

    rep_slack_id: Mapped[str] = mapped_column(String(32), index=True)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id", ondelete="SET NULL"))
    deal_id: Mapped[int | None] = mapped_column(ForeignKey("deals.id", ondelete="SET NULL"))
    on: Mapped[date] = mapped_column(Date, index=True)
    at: Mapped[str | None] = mapped_column(String(5))  # HH:MM in the rep's zone
    tz: Mapped[str | None] = mapped_column(String(64))
    topic: Mapped[str | None] = mapped_column(Text)
    contact_ids: Mapped[list[Any]] = mapped_column(default=list)
    source_channel: Mapped[str | None] = mapped_column(String(32))
    source_ts: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime]
    # planned / moved / cancelled: only a planned meeting gets pitch cards; a moved one names its replacement
    state: Mapped[str] = mapped_column(String(16), default="planned")
    replaced_by: Mapped[int | None] = mapped_column(ForeignKey("meetings.id", ondelete="SET NULL"))


class ResourceRequestRow(WorkspaceScoped, Base):
    __tablename__ = "resource_requests"
    __table_args__ = (Index("ix_resource_requests_state", "workspace_id", "state"),
                      Index("ix_resource_requests_assignee", "workspace_id", "assignee_slack_id", "state"))

    type: Mapped[str] = mapped_column(String(32))
    deal_id: Mapped[int | None] = mapped_column(ForeignKey("deals.id", ondelete="SET NULL"))
    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id", ondelete="SET NULL"))
    requester_slack_id: Mapped[str] = mapped_column(String(32))
    needed_by: Mapped[date | None] = mapped_column(Date)
    details: Mapped[str | None] = mapped_column(Text)
    queue: Mapped[str | None] = mapped_column(String(64))
    assignee_slack_id: Mapped[str | None] = mapped_column(String(32))
    state: Mapped[str] = mapped_column(String(16), default="open")  # open / accepted / done / cancelled
    created_at: Mapped[datetime]
    # What routing read (kept so a changed account does not rewrite why a request went where it went).
    region: Mapped[str | None] = mapped_column(String(64))
    industry: Mapped[str | None] = mapped_column(String(64))
    product: Mapped[str | None] = mapped_column(String(128))
    rule_index: Mapped[int | None] = mapped_column(Integer)  # the rule that matched; None: the default queue
    queue_channel: Mapped[str | None] = mapped_column(String(32))  # the queue card, updated at every step
    queue_ts: Mapped[str | None] = mapped_column(String(32))
    requester_channel: Mapped[str | None] = mapped_column(String(32))  # the requester's thread
    requester_ts: Mapped[str | None] = mapped_column(String(32))
    source_channel: Mapped[str | None] = mapped_column(String(32))  # the log or dialog it came from
    source_ts: Mapped[str | None] = mapped_column(String(32))
    accepted_at: Mapped[datetime | None]
    done_at: Mapped[datetime | None]
    outcome: Mapped[str | None] = mapped_column(Text)  # the requester's one line once done
    # Last put before the queue (routed, or back to open from accepted): the service level counts from here.
    opened_at: Mapped[datetime | None]


class ResourceRequestEventRow(WorkspaceScoped, Base):
    __tablename__ = "resource_request_events"

    request_id: Mapped[int] = mapped_column(ForeignKey("resource_requests.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime]
    actor_slack_id: Mapped[str | None] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(32))  # created / routed / accepted … escalated_manager / reminded / done
    note: Mapped[str | None] = mapped_column(Text)


class OccasionRow(WorkspaceScoped, Base):
    __tablename__ = "occasions"

    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(32))  # birthday, work_anniversary, promotion, custom
    month: Mapped[int] = mapped_column(Integer)
    day: Mapped[int] = mapped_column(Integer)
    lunar: Mapped[bool] = mapped_column(Boolean, default=False)
    year: Mapped[int | None] = mapped_column(Integer)
    label: Mapped[str | None] = mapped_column(String(200))


class DeliveryRow(WorkspaceScoped, Base):
    """The outbox: one nudge due to one person, claimed atomically and sent once."""

    __tablename__ = "deliveries"
    __table_args__ = (UniqueConstraint("workspace_id", "idempotency_key"),
                      # a rep's recent greetings: the previous draft to a person, my day's waiting drafts
                      Index("ix_deliveries_recipient", "workspace_id", "recipient_slack_id", "kind", "due_at"))

    kind: Mapped[str] = mapped_column(String(32))
    recipient_slack_id: Mapped[str] = mapped_column(String(32))
    due_at: Mapped[datetime] = mapped_column(index=True)
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    idempotency_key: Mapped[str] = mapped_column(String(200))
    state: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    next_attempt_at: Mapped[datetime | None]
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    claimed_at: Mapped[datetime | None]
    sent_at: Mapped[datetime | None]
    slack_channel: Mapped[str | None] = mapped_column(String(32))
    slack_ts: Mapped[str | None] = mapped_column(String(32))


class RepMorningRow(WorkspaceScoped, Base):
    """Every rep with contacts, and the last morning the worker planned for them: each rep's day is planned once.

    A row appears when a rep first owns a contact (storage/touch_index.py), so a tick reads reps
    from here instead of scanning every contact."""

    __tablename__ = "rep_mornings"
    __table_args__ = (UniqueConstraint("workspace_id", "rep_slack_id"),)

    rep_slack_id: Mapped[str] = mapped_column(String(32))
    planned_on: Mapped[date | None] = mapped_column(Date)
