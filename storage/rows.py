"""Rows for people and what happens between them: users, accounts, contacts, interactions, audit."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from storage.base import Base, WorkspaceScoped


class UserRow(WorkspaceScoped, Base):
    __tablename__ = "users"
    __table_args__ = (UniqueConstraint("workspace_id", "slack_user_id"),)

    slack_user_id: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(16), default="rep")  # rep / presales / manager / admin
    manager_slack_id: Mapped[str | None] = mapped_column(String(32))
    locale: Mapped[str | None] = mapped_column(String(16))
    tz: Mapped[str | None] = mapped_column(String(64))
    refreshed_at: Mapped[datetime | None]


class AccountRow(WorkspaceScoped, Base):
    __tablename__ = "accounts"
    __table_args__ = (UniqueConstraint("workspace_id", "name"),)

    name: Mapped[str] = mapped_column(String(200))
    aliases: Mapped[list[Any]] = mapped_column(default=list)
    industry: Mapped[str | None] = mapped_column(String(100))
    region: Mapped[str | None] = mapped_column(String(100))
    owner_slack_id: Mapped[str | None] = mapped_column(String(32))
    team: Mapped[list[Any]] = mapped_column(default=list)  # Slack ids of the account team
    created_at: Mapped[datetime]


class DepartmentRow(WorkspaceScoped, Base):
    __tablename__ = "departments"

    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id", ondelete="SET NULL"))


class DepartmentLinkRow(WorkspaceScoped, Base):
    __tablename__ = "department_links"

    from_department_id: Mapped[int] = mapped_column(ForeignKey("departments.id", ondelete="CASCADE"))
    to_department_id: Mapped[int] = mapped_column(ForeignKey("departments.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(32))  # e.g. reviews, serves, budgets_for
    note: Mapped[str | None] = mapped_column(Text)


class ContactRow(WorkspaceScoped, Base):
    __tablename__ = "contacts"
    __table_args__ = (Index("ix_contacts_due", "workspace_id", "next_touch_on"),
                      # Rows written with plain SQL lack touch dates; the worker finds them by this small index.
                      Index("ix_contacts_untimed", "id", sqlite_where=text("next_touch_on IS NULL"),
                            postgresql_where=text("next_touch_on IS NULL")),
                      Index("ix_contacts_birthday", "workspace_id", "birthday"),
                      Index("ix_contacts_changed", "workspace_id", "updated_at"),
                      # Contacts without an owner are nudged through their account's owner; few, found by this.
                      Index("ix_contacts_ownerless", "workspace_id", sqlite_where=text("owner_slack_id IS NULL"),
                            postgresql_where=text("owner_slack_id IS NULL")))

    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id", ondelete="SET NULL"), index=True)
    department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id", ondelete="SET NULL"))
    name: Mapped[str] = mapped_column(String(200))
    aliases: Mapped[list[Any]] = mapped_column(default=list)  # pinyin, English name, nicknames
    title: Mapped[str | None] = mapped_column(String(200))
    birthday: Mapped[str | None] = mapped_column(String(5))  # MM-DD
    birthday_lunar: Mapped[bool] = mapped_column(Boolean, default=False)
    importance: Mapped[int] = mapped_column(Integer, default=3)
    closeness: Mapped[int] = mapped_column(Integer, default=1)
    stance: Mapped[str] = mapped_column(String(16), default="unknown")
    behaviour_tags: Mapped[list[Any]] = mapped_column(default=list)
    trust_stage: Mapped[str] = mapped_column(String(16), default="acquainted")
    cadence_days: Mapped[int | None] = mapped_column(Integer)
    do_not_contact: Mapped[bool] = mapped_column(Boolean, default=False)
    contact_details: Mapped[dict[str, Any]] = mapped_column(default=dict)
    locale: Mapped[str | None] = mapped_column(String(16))
    owner_slack_id: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    # Kept by storage/touch_index.py on every flush, so the worker finds due touches by index:
    last_touch_on: Mapped[date | None] = mapped_column(Date)
    next_touch_on: Mapped[date | None] = mapped_column(Date)


class ContactKeyRow(Base):
    """One spelling a contact is found by (name, alias, pinyin in either order, surname), indexed.

    Computed when the contact is written, so finding who a log means is an index look-up, not
    pinyin for every contact on every log."""

    __tablename__ = "contact_keys"
    __table_args__ = (Index("ix_contact_keys_lookup", "workspace_id", "key"),)

    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True)
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    workspace_id: Mapped[str] = mapped_column(String(32))


class ContactLinkRow(WorkspaceScoped, Base):
    __tablename__ = "contact_links"

    from_contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"), index=True)
    to_contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # reports_to, influences, ally, rival, knows
    strength: Mapped[int] = mapped_column(Integer, default=3)
    source: Mapped[str | None] = mapped_column(String(200))  # the Slack message it was learned from
    created_at: Mapped[datetime]


class InteractionRow(WorkspaceScoped, Base):
    __tablename__ = "interactions"

    rep_slack_id: Mapped[str] = mapped_column(String(32), index=True)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id", ondelete="SET NULL"), index=True)
    deal_id: Mapped[int | None] = mapped_column(ForeignKey("deals.id", ondelete="SET NULL"))
    occurred_on: Mapped[date] = mapped_column(Date, index=True)
    channel: Mapped[str] = mapped_column(String(16))
    summary: Mapped[str] = mapped_column(Text)  # compliance-filtered notes only
    pitched: Mapped[list[Any]] = mapped_column(default=list)
    source_channel: Mapped[str | None] = mapped_column(String(32))
    source_ts: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime]


class InteractionContactRow(Base):
    __tablename__ = "interaction_contacts"

    interaction_id: Mapped[int] = mapped_column(
        ForeignKey("interactions.id", ondelete="CASCADE"), primary_key=True
    )
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True, index=True)
    present: Mapped[bool] = mapped_column(Boolean, default=True)


class AuditRow(WorkspaceScoped, Base):
    __tablename__ = "audit_log"

    actor_slack_id: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime] = mapped_column(index=True)
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(16))  # create / update / delete
    before: Mapped[dict[str, Any] | None] = mapped_column()
    after: Mapped[dict[str, Any] | None] = mapped_column()
    source_channel: Mapped[str | None] = mapped_column(String(32))
    source_ts: Mapped[str | None] = mapped_column(String(32))


class ProcessedEventRow(WorkspaceScoped, Base):
    __tablename__ = "processed_events"
    __table_args__ = (UniqueConstraint("workspace_id", "event_id"),)

    event_id: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[datetime]


class LogDraftRow(WorkspaceScoped, Base):
    """A meeting log understood but not yet confirmed; only compliance-filtered text is kept."""

    __tablename__ = "log_drafts"

    user_slack_id: Mapped[str] = mapped_column(String(32))
    parsed: Mapped[dict[str, Any]] = mapped_column()
    choices: Mapped[dict[str, Any]] = mapped_column(default=dict)  # rep's answers to "which 张伟?"
    state: Mapped[str] = mapped_column(String(16), default="pending")  # pending / confirmed / discarded
    source_channel: Mapped[str | None] = mapped_column(String(32))
    source_ts: Mapped[str | None] = mapped_column(String(32))
    thread_ts: Mapped[str | None] = mapped_column(String(32))  # a reply to this logged message adds to it
    card_channel: Mapped[str | None] = mapped_column(String(32))
    card_ts: Mapped[str | None] = mapped_column(String(32))
    outcome: Mapped[dict[str, Any] | None] = mapped_column()
    created_at: Mapped[datetime]
    decided_at: Mapped[datetime | None]
