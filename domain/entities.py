"""The things a sales team keeps track of, as plain frozen values."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any


@dataclass(frozen=True)
class User:
    """A Slack user of Rapport: a rep, presales engineer, manager or admin."""

    slack_user_id: str
    name: str = ""
    role: str = "rep"
    locale: str | None = None
    tz: str | None = None
    manager_slack_id: str | None = None
    refreshed_at: datetime | None = None


@dataclass(frozen=True)
class Account:
    """A customer organisation."""

    id: int
    name: str
    aliases: tuple[str, ...] = ()
    industry: str | None = None
    region: str | None = None
    owner_slack_id: str | None = None
    team: tuple[str, ...] = ()  # Slack ids of the account team besides the owner


@dataclass(frozen=True)
class Contact:
    """A person at a customer, with the profile reps keep on them."""

    id: int
    name: str
    account_id: int | None = None
    account_name: str | None = None
    aliases: tuple[str, ...] = ()
    title: str | None = None
    department: str | None = None
    birthday: str | None = None
    birthday_lunar: bool = False
    importance: int = 3
    closeness: int = 1
    stance: str = "unknown"
    trust_stage: str = "acquainted"
    behaviour_tags: tuple[str, ...] = ()
    do_not_contact: bool = False
    owner_slack_id: str | None = None
    locale: str | None = None  # the contact's own language (zh-CN, en-US …): greetings and festivals follow it
    cadence_days: int | None = None  # the rep's own days between touches; None: domain/config/cadence.toml's

    def profile(self) -> dict[str, Any]:
        """The fields an audit entry records for a contact."""
        return {
            "name": self.name, "account": self.account_name, "title": self.title,
            "department": self.department, "stance": self.stance, "birthday": self.birthday,
            "birthday_lunar": self.birthday_lunar, "aliases": list(self.aliases),
        }


@dataclass(frozen=True)
class Interaction:
    """One touch between a rep and customer contacts."""

    id: int
    rep_slack_id: str
    occurred_on: date
    channel: str
    summary: str
    account_id: int | None = None
    contact_ids: tuple[int, ...] = ()
    pitched: tuple[str, ...] = ()
    source_channel: str | None = None
    source_ts: str | None = None


@dataclass(frozen=True)
class SourceMessage:
    """The Slack message a change was learned from."""

    channel: str | None
    ts: str | None


@dataclass(frozen=True)
class AuditEntry:
    """Who changed what, before and after, from which message."""

    actor_slack_id: str
    at: datetime
    entity: str
    entity_id: int | None
    action: str
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    source: SourceMessage = field(default_factory=lambda: SourceMessage(None, None))


@dataclass(frozen=True)
class LogDraft:
    """A log waiting for the rep's Confirm, Edit or Discard."""

    id: int
    user_slack_id: str
    parsed: dict[str, Any]
    state: str
    source: SourceMessage
    choices: dict[str, Any] = field(default_factory=dict)
    card_channel: str | None = None
    card_ts: str | None = None
    outcome: dict[str, Any] | None = None
    created_at: datetime | None = None
    thread_ts: str | None = None


@dataclass(frozen=True)
class Deal:
    """An opportunity at an account, with what is known of its tender."""

    id: int
    name: str
    account_id: int | None = None
    amount: float | None = None
    currency: str | None = None
    stage: str = "discovery"
    close_on: date | None = None
    rfp_due: date | None = None
    tender_on: date | None = None
    award_method: str | None = None
    award_rule: str | None = None
    competitors: tuple[str, ...] = ()
    outcome: str | None = None
    owner_slack_id: str | None = None
    budget_on: date | None = None
    evaluation_criteria: tuple[dict[str, Any], ...] = ()
    winner: str | None = None
    outcome_reason: str | None = None
    winning_price: float | None = None  # what the winner was awarded at, in the deal's currency


@dataclass(frozen=True)
class ChainMember:
    """A person's role in one deal's decision chain (which may differ from the org chart)."""

    id: int
    deal_id: int
    contact_id: int
    role: str
    influence: int = 3
    stance: str = "unknown"
    reports_to_member_id: int | None = None


@dataclass(frozen=True)
class ControlPoint:
    """Where one of the six control points of a deal stands, and why we think so."""

    key: str
    state: str = "unknown"  # unknown / secured / at_risk / lost
    evidence: str | None = None
    on: date | None = None  # when it was last assessed


@dataclass(frozen=True)
class Meeting:
    """A meeting a rep has planned with customer contacts; `at` is HH:MM in the rep's zone."""

    id: int
    rep_slack_id: str
    on: date
    at: str | None = None
    tz: str | None = None
    topic: str | None = None
    account_id: int | None = None
    deal_id: int | None = None
    contact_ids: tuple[int, ...] = ()
    state: str = "planned"  # planned / moved (told again with another day or time) / cancelled


@dataclass(frozen=True)
class ResourceRequest:
    """Help a rep asks presales or the back office for."""

    id: int
    type: str
    requester_slack_id: str
    needed_by: date | None = None
    details: str | None = None
    account_id: int | None = None
    deal_id: int | None = None
    state: str = "open"  # open (waiting for someone to accept) / accepted / done / cancelled
    queue: str | None = None
    assignee_slack_id: str | None = None
    region: str | None = None
    industry: str | None = None
    product: str | None = None
    rule_index: int | None = None  # the routing rule that matched; None: the default queue
    created_at: datetime | None = None
    accepted_at: datetime | None = None
    done_at: datetime | None = None
    outcome: str | None = None
    queue_card: SlackMessage | None = None  # the card in the queue channel
    thread: SlackMessage | None = None  # the requester's thread, where every step is told
    opened_at: datetime | None = None  # last put before its queue (routed, or given back after an accept)


@dataclass(frozen=True)
class SlackMessage:
    """Where a message Rapport posted lives, to update it or reply in its thread."""

    channel: str
    ts: str


@dataclass(frozen=True)
class ContactLink:
    """A tie between two contacts: reports_to, influences, ally, rival or knows, with its strength 1–5."""

    id: int
    from_id: int
    kind: str
    to_id: int
    strength: int = 3
