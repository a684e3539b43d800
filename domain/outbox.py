"""A delivery in the outbox and the rules for retrying it: pure, no Slack, no SQL."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

PENDING, CLAIMED, SENT, PARKED, DROPPED, FAILED = "pending", "claimed", "sent", "parked", "dropped", "failed"
# What a delivery is, and so how the worker composes its card at send time (payload keys in comments):
GREETING = "greeting"  # contact_id, occasion (a domain.occasions kind), label, day (the occasion), rep_day
TOUCH = "touch"  # contact_id, due_on, cadence_days, rep_day
DIGEST = "digest"  # rep_day: the rep's morning summary
MANAGER_DIGEST = "manager_digest"  # rep_day (a Monday): the manager's weekly team pipeline with its chart
PITCH = "pitch"  # meeting_id, slot (eve / soon): what to pitch to the decision makers of a coming meeting
PITCH_SHARE = "pitch_share"  # week (2026-W51): the team's best pitches, posted to a channel, not to a person
REQUEST_SLA = "request_sla"  # request_id, step (lead / manager / nomanager / due2 …): a presales request's service level
REQUEST_THREAD = "request_thread"  # request_id, step, thread_ts: that step told in the requester's thread
REQUEST_CARD = "request_card"  # request_id, channel, rule: a presales request's card, posted in its queue's channel
REQUEST_OPENED = "request_opened"  # request_id, channel, rule: the requester's thread opens, telling where it went
# Their recipient is a channel (an id; a queue card's may be a #name): posted there, no DM opened.
CHANNEL_KINDS = frozenset({PITCH_SHARE, REQUEST_THREAD, REQUEST_CARD})
# Never dropped for being late: a presales request waits for its card and its requester's first line however long
# Slack or the worker was away (a greeting or a reminder is stale by the next day; a request is not).
NEVER_STALE = frozenset({REQUEST_CARD, REQUEST_OPENED})
FIRST_RETRY = timedelta(minutes=1)
LONGEST_RETRY = timedelta(hours=1)


@dataclass(frozen=True)
class Delivery:
    """One message due to one Slack user at one instant, sent at most once per idempotency key."""

    workspace_id: str
    kind: str
    recipient_slack_id: str
    due_at: datetime
    idempotency_key: str
    payload: dict[str, Any] = field(default_factory=dict)
    id: int = 0
    state: str = PENDING
    attempts: int = 0  # claims so far: a claimed delivery counts its own
    last_error: str | None = None

    @property
    def to_channel(self) -> bool:
        """Posted into a team channel (its recipient is a channel id) rather than into a person's DM."""
        return self.kind in CHANNEL_KINDS

    @property
    def thread_ts(self) -> str | None:
        """The thread it is posted into (a reply in the requester's thread), None for a message of its own."""
        ts = self.payload.get("thread_ts") if self.kind == REQUEST_THREAD else None
        return str(ts) if ts else None

    @property
    def tried_before(self) -> bool:
        """Claimed before (a worker died, or Slack failed): an earlier try may already be in the DM."""
        return self.attempts > 1

    def day(self, key: str) -> date | None:
        """A date its payload carries (day, rep_day, due_on), or None when it carries none readable."""
        try:
            return date.fromisoformat(str(self.payload.get(key)))
        except ValueError:
            return None


def backoff(attempts: int) -> timedelta:
    """The wait before retry number `attempts` (1, 2 …): doubling from a minute, at most an hour."""
    return min(FIRST_RETRY * 2 ** max(attempts - 1, 0), LONGEST_RETRY)
