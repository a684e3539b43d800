"""Presales requests through their life: routed, carded, accepted by exactly one, declined, done.

State changes are compare-and-set UPDATEs (`… WHERE state = 'open'`): two people pressing Accept at
once both send an UPDATE, the database serialises them, and only the first finds the request still
open — on SQLite and PostgreSQL alike, without locks held across a Slack call.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import case, func, literal, select, update

from domain.entities import ResourceRequest, SlackMessage
from storage.repo_base import Repository
from storage.rows_pipeline import ResourceRequestEventRow, ResourceRequestRow

R = ResourceRequestRow


def request_of(r: ResourceRequestRow) -> ResourceRequest:
    """The domain request of a row."""
    return ResourceRequest(
        r.id, r.type, r.requester_slack_id, r.needed_by, r.details, r.account_id, r.deal_id, r.state, r.queue,
        r.assignee_slack_id, r.region, r.industry, r.product, r.rule_index, r.created_at, r.accepted_at, r.done_at,
        r.outcome, SlackMessage(r.queue_channel, r.queue_ts) if r.queue_channel and r.queue_ts else None,
        SlackMessage(r.requester_channel, r.requester_ts) if r.requester_channel and r.requester_ts else None,
        opened_at=r.opened_at)


class RequestFlowRepo(Repository):
    """A request's routing, its cards, and every step, each step an event."""

    def get(self, request_id: int) -> ResourceRequest | None:
        """One request of this workspace."""
        row = self.session.get(R, request_id)
        return request_of(row) if row is not None and row.workspace_id == self.ws else None

    def routed(self, request_id: int, *, queue: str, rule_index: int | None, facts: dict[str, str | None],
               now: datetime, actor: str | None = None) -> None:
        """Keep where routing sent the request and what it read to decide; its queue sees it from now."""
        self.session.execute(update(R).where(R.workspace_id == self.ws, R.id == request_id).values(
            queue=queue, rule_index=rule_index, region=facts.get("region"), industry=facts.get("industry"),
            product=facts.get("product"), opened_at=now))
        self.event(request_id, "routed", now=now, actor=actor, note=queue)

    def carded(self, request_id: int, *, queue_card: SlackMessage | None = None,
               thread: SlackMessage | None = None) -> None:
        """Remember the queue card and the requester's thread once they are posted."""
        values: dict[str, str] = {}
        if queue_card:
            values |= {"queue_channel": queue_card.channel, "queue_ts": queue_card.ts}
        if thread:
            values |= {"requester_channel": thread.channel, "requester_ts": thread.ts}
        if values:
            self.session.execute(update(R).where(R.workspace_id == self.ws, R.id == request_id).values(**values))

    def accept(self, request_id: int, *, by: str, now: datetime) -> bool:
        """Take an open request; False when someone else already has it (or it is no longer open)."""
        done = self.session.execute(update(R).where(R.workspace_id == self.ws, R.id == request_id, R.state == "open")
                                    .values(state="accepted", assignee_slack_id=by, accepted_at=now))
        if done.rowcount != 1:  # type: ignore[attr-defined]
            return False
        self.event(request_id, "accepted", now=now, actor=by)
        return True

    def offer(self, request_id: int, *, to: str | None, now: datetime, actor: str | None, kind: str,
              note: str | None = None) -> bool:
        """Put the request back to open, proposed to `to` (declined / reassigned / assigned); False if done."""
        # Given back after an accept it waits again from now; passed on while open it has waited all along.
        reopened = case((R.state == "accepted", literal(now, R.opened_at.type)), else_=R.opened_at)
        done = self.session.execute(update(R).where(R.workspace_id == self.ws, R.id == request_id,
                                                    R.state.in_(("open", "accepted")))
                                    .values(state="open", assignee_slack_id=to, accepted_at=None, opened_at=reopened))
        if done.rowcount != 1:  # type: ignore[attr-defined]
            return False
        self.event(request_id, kind, now=now, actor=actor, note=note if note is not None else to)
        return True

    def finish(self, request_id: int, *, by: str, now: datetime) -> bool:
        """Mark an accepted request done by its assignee; False when it is not theirs or not accepted."""
        done = self.session.execute(update(R).where(R.workspace_id == self.ws, R.id == request_id,
                                                    R.state == "accepted", R.assignee_slack_id == by)
                                    .values(state="done", done_at=now))
        if done.rowcount != 1:  # type: ignore[attr-defined]
            return False
        self.event(request_id, "done", now=now, actor=by)
        return True

    def withdraw(self, request_id: int, *, by: str, now: datetime) -> bool:
        """The requester calls off a request not done yet; False when it is not theirs or already done."""
        done = self.session.execute(update(R).where(R.workspace_id == self.ws, R.id == request_id,
                                                    R.state.in_(("open", "accepted")), R.requester_slack_id == by)
                                    .values(state="cancelled"))
        if done.rowcount != 1:  # type: ignore[attr-defined]
            return False
        self.event(request_id, "cancelled", now=now, actor=by)
        return True

    def record_outcome(self, request_id: int, *, outcome: str, by: str, now: datetime) -> None:
        """The requester's one line on how it went."""
        self.session.execute(update(R).where(R.workspace_id == self.ws, R.id == request_id).values(outcome=outcome))
        self.event(request_id, "outcome", now=now, actor=by, note=outcome)

    def event(self, request_id: int, kind: str, *, now: datetime, actor: str | None, note: str | None = None) -> None:
        """Add a step to the request's history."""
        self.session.add(ResourceRequestEventRow(workspace_id=self.ws, request_id=request_id, at=now,
                                                 actor_slack_id=actor, kind=kind, note=note))
        self.session.flush()

    def events(self, request_id: int) -> list[tuple[datetime, str | None, str, str | None]]:
        """The request's steps, oldest first: (when, who, kind, note)."""
        t = ResourceRequestEventRow
        q = select(t.at, t.actor_slack_id, t.kind, t.note).where(t.workspace_id == self.ws, t.request_id == request_id)
        return [(at, actor, kind, note) for at, actor, kind, note in self.session.execute(q.order_by(t.id))]

    def open_load(self, queue: str) -> dict[str, int]:
        """Per member of a queue, the requests they hold that are not done (accepted or proposed to them)."""
        q = (select(R.assignee_slack_id, func.count()).where(R.workspace_id == self.ws, R.queue == queue,
                                                            R.state.in_(("open", "accepted")),
                                                            R.assignee_slack_id.is_not(None))
             .group_by(R.assignee_slack_id))
        return {who: n for who, n in self.session.execute(q) if who}

    def last_assigned(self, queue: str) -> str | None:
        """Who in the queue a request was last proposed to by its policy (round robin continues after them) — not
        whoever took it in the end, so a decline or a colleague's Accept skips nobody's turn."""
        e = ResourceRequestEventRow
        q = (select(e.note).join(R, R.id == e.request_id)
             .where(e.workspace_id == self.ws, e.kind == "assigned", R.workspace_id == self.ws, R.queue == queue)
             .order_by(e.id.desc()).limit(1))
        return self.session.scalars(q).first()

    def waiting(self) -> list[ResourceRequest]:
        """Requests nobody has accepted yet, oldest first (what the service level watches)."""
        q = select(R).where(R.workspace_id == self.ws, R.state == "open").order_by(R.id)
        return [request_of(r) for r in self.session.scalars(q)]
