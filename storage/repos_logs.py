"""Repositories for interactions, drafts, the audit log and processed Slack events."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from domain.entities import AuditEntry, Interaction, LogDraft, SourceMessage
from storage.repo_base import Repository
from storage.repos_deals import DealScope, plain_rows, scoped
from storage.rows import AuditRow, InteractionContactRow, InteractionRow, LogDraftRow, ProcessedEventRow


class InteractionsRepo(Repository):
    """Touches between reps and contacts."""

    def add(self, *, rep_slack_id: str, occurred_on: date, channel: str, summary: str, now: datetime,
            account_id: int | None, contacts: dict[int, bool], pitched: tuple[str, ...],
            source: SourceMessage, deal_id: int | None = None) -> Interaction:
        """Record one interaction with the contacts involved (id → took part)."""
        row = InteractionRow(
            workspace_id=self.ws, rep_slack_id=rep_slack_id, occurred_on=occurred_on, channel=channel,
            summary=summary, account_id=account_id, deal_id=deal_id, pitched=list(pitched), source_channel=source.channel,
            source_ts=source.ts, created_at=now,
        )
        self.session.add(row)
        self.session.flush()
        self.session.add_all(
            InteractionContactRow(interaction_id=row.id, contact_id=cid, present=present)
            for cid, present in contacts.items()
        )
        return Interaction(row.id, rep_slack_id, occurred_on, channel, summary, account_id, tuple(contacts),
                           tuple(pitched), source.channel, source.ts)

    def from_message(self, channel: str | None, ts: str) -> Interaction | None:
        """The interaction logged from a Slack message, if it was confirmed."""
        q = select(InteractionRow).where(InteractionRow.workspace_id == self.ws, InteractionRow.source_ts == ts,
                                         InteractionRow.source_channel == channel)
        row = self.session.scalars(q.order_by(InteractionRow.id)).first()
        if row is None:
            return None
        contacts = self.session.scalars(select(InteractionContactRow.contact_id)
                                        .where(InteractionContactRow.interaction_id == row.id))
        return Interaction(row.id, row.rep_slack_id, row.occurred_on, row.channel, row.summary, row.account_id,
                           tuple(contacts), tuple(row.pitched or ()), row.source_channel, row.source_ts)

    def extend(self, interaction: Interaction, *, contacts: dict[int, bool], note: str,
               pitched: tuple[str, ...]) -> None:
        """Add what a thread reply tells to an interaction: more people, more note, more points pitched."""
        row = self.session.get(InteractionRow, interaction.id)
        if row is None or row.workspace_id != self.ws:
            raise LookupError(f"interaction {interaction.id} is not in this workspace")
        row.summary = f"{row.summary}\n{note}".strip() if note else row.summary
        row.pitched = [*(row.pitched or []), *pitched]
        self.session.add_all(InteractionContactRow(interaction_id=row.id, contact_id=cid, present=present)
                             for cid, present in contacts.items() if cid not in interaction.contact_ids)

    def recent(self, account_id: int, limit: int = 5) -> list[Interaction]:
        """The account's latest touches, newest first, with the contacts involved."""
        q = (select(InteractionRow).where(InteractionRow.workspace_id == self.ws, InteractionRow.account_id == account_id)
             .order_by(InteractionRow.occurred_on.desc(), InteractionRow.id.desc()).limit(limit))
        return self._whole(list(self.session.scalars(q)))

    def days_with(self, contact_id: int) -> list[date]:
        """The days of every interaction with one contact, newest first."""
        q = (select(InteractionRow.occurred_on)
             .join(InteractionContactRow, InteractionContactRow.interaction_id == InteractionRow.id)
             .where(InteractionRow.workspace_id == self.ws, InteractionContactRow.contact_id == contact_id)
             .order_by(InteractionRow.occurred_on.desc()))
        return list(self.session.scalars(q))

    def with_contact(self, contact_id: int, limit: int = 200) -> list[Interaction]:
        """The latest interactions a contact took part in (who of our reps, when)."""
        q = (select(InteractionRow).join(InteractionContactRow, InteractionContactRow.interaction_id == InteractionRow.id)
             .where(InteractionRow.workspace_id == self.ws, InteractionContactRow.contact_id == contact_id)
             .order_by(InteractionRow.occurred_on.desc()).limit(limit))
        return [Interaction(r.id, r.rep_slack_id, r.occurred_on, r.channel, "", r.account_id, (contact_id,))
                for r in self.session.scalars(q)]

    def history_of(self, contact_id: int, limit: int = 200) -> list[Interaction]:
        """The contact's latest interactions, newest first, whole: summary, channel and everyone present."""
        q = (select(InteractionRow).join(InteractionContactRow, InteractionContactRow.interaction_id == InteractionRow.id)
             .where(InteractionRow.workspace_id == self.ws, InteractionContactRow.contact_id == contact_id)
             .order_by(InteractionRow.occurred_on.desc(), InteractionRow.id.desc()).limit(limit))
        return self._whole(list(self.session.scalars(q)))

    def _whole(self, rows: list[InteractionRow]) -> list[Interaction]:
        """Interactions with everyone who took part, read in one more query."""
        links = self.session.execute(select(InteractionContactRow.interaction_id, InteractionContactRow.contact_id)
                                     .where(InteractionContactRow.interaction_id.in_([r.id for r in rows]))).all()
        return [Interaction(r.id, r.rep_slack_id, r.occurred_on, r.channel, r.summary, r.account_id,
                            tuple(c for i, c in links if i == r.id), tuple(r.pitched or ()), r.source_channel,
                            r.source_ts) for r in rows]

    def touch_counts(self, account_id: int) -> dict[tuple[str, int], int]:
        """How often each rep touched each contact of the account."""
        q = (select(InteractionRow.rep_slack_id, InteractionContactRow.contact_id, func.count())
             .join(InteractionRow, InteractionRow.id == InteractionContactRow.interaction_id)
             .where(InteractionRow.workspace_id == self.ws, InteractionRow.account_id == account_id)
             .group_by(InteractionRow.rep_slack_id, InteractionContactRow.contact_id))
        return {(rep, cid): int(n) for rep, cid, n in self.session.execute(q)}

    def last_touches(self, account_id: int) -> dict[int, date]:
        """For each contact of the account, the day of their latest interaction."""
        q = (select(InteractionContactRow.contact_id, func.max(InteractionRow.occurred_on))
             .join(InteractionRow, InteractionRow.id == InteractionContactRow.interaction_id)
             .where(InteractionRow.workspace_id == self.ws, InteractionRow.account_id == account_id)
             .group_by(InteractionContactRow.contact_id))
        return {cid: day for cid, day in self.session.execute(q)}

    def count(self) -> int:
        """How many interactions the workspace holds."""
        return self.session.scalar(select(func.count()).where(InteractionRow.workspace_id == self.ws)) or 0


class AuditRepo(Repository):
    """The audit log: every change to a contact or deal, with who, when and from which message."""

    def record(self, entry: AuditEntry) -> None:
        """Append one entry."""
        self.session.add(AuditRow(
            workspace_id=self.ws, actor_slack_id=entry.actor_slack_id, at=entry.at, entity=entry.entity,
            entity_id=entry.entity_id, action=entry.action, before=entry.before, after=entry.after,
            source_channel=entry.source.channel, source_ts=entry.source.ts,
        ))

    def since(self, entities: tuple[str, ...], moment: datetime, about: DealScope | None = None) -> list[AuditEntry]:
        """Entries about these kinds of entity at or after a moment (only about these deals, when given), oldest first."""
        t = AuditRow.__table__  # plain rows, not tracked entities: a busy team's week is thousands of entries
        q = select(t).where(t.c.workspace_id == self.ws, t.c.entity.in_(entities), t.c.at >= moment)
        if about is not None:
            q = scoped(q, t.c.entity_id, self.ws, about)
        return [AuditEntry(r.actor_slack_id, r.at, r.entity, r.entity_id, r.action, r.before, r.after,
                           SourceMessage(r.source_channel, r.source_ts)) for r in plain_rows(self.session, q.order_by(t.c.id))]

    def entries(self, entity: str | None = None, entity_id: int | None = None) -> list[AuditEntry]:
        """Entries, oldest first, optionally for one entity."""
        q = select(AuditRow).where(AuditRow.workspace_id == self.ws)
        if entity is not None:
            q = q.where(AuditRow.entity == entity)
        if entity_id is not None:
            q = q.where(AuditRow.entity_id == entity_id)
        return [
            AuditEntry(r.actor_slack_id, r.at, r.entity, r.entity_id, r.action, r.before, r.after,
                       SourceMessage(r.source_channel, r.source_ts))
            for r in self.session.scalars(q.order_by(AuditRow.id))
        ]


class ProcessedEventsRepo(Repository):
    """Slack event ids already handled, so a retry is answered but not redone."""

    def first_time(self, event_id: str, *, now: datetime) -> bool:
        """Remember the event; False when it was seen before (also under a concurrent retry)."""
        try:
            with self.session.begin_nested():
                self.session.add(ProcessedEventRow(workspace_id=self.ws, event_id=event_id, received_at=now))
        except IntegrityError:
            return False
        return True


class DraftsRepo(Repository):
    """Meeting logs awaiting the rep's decision."""

    def add(self, *, user_slack_id: str, parsed: dict[str, Any], source: SourceMessage, now: datetime,
            thread_ts: str | None = None) -> LogDraft:
        """Keep a new pending draft (a thread reply names the logged message it adds to)."""
        row = LogDraftRow(workspace_id=self.ws, user_slack_id=user_slack_id, parsed=parsed, choices={},
                          state="pending", source_channel=source.channel, source_ts=source.ts, created_at=now,
                          thread_ts=thread_ts)
        self.session.add(row)
        self.session.flush()
        return _draft(row)

    def get(self, draft_id: int) -> LogDraft | None:
        """The draft, when it belongs to this workspace."""
        row = self.session.get(LogDraftRow, draft_id)
        return _draft(row) if row is not None and row.workspace_id == self.ws else None

    def decide(self, draft_id: int, *, state: str, now: datetime) -> bool:
        """Move a pending draft to confirmed or discarded; False when someone already decided it."""
        result = self.session.execute(
            update(LogDraftRow)
            .where(LogDraftRow.id == draft_id, LogDraftRow.workspace_id == self.ws, LogDraftRow.state == "pending")
            .values(state=state, decided_at=now)
        )
        return bool(getattr(result, "rowcount", 0))

    def set_card(self, draft_id: int, *, channel: str, ts: str) -> None:
        """Remember where the draft's card was posted, so it can be updated."""
        self._update(draft_id, card_channel=channel, card_ts=ts)

    def set_outcome(self, draft_id: int, outcome: dict[str, Any]) -> None:
        """Remember what Confirm saved, to show it again on a repeated press."""
        self._update(draft_id, outcome=outcome)

    def set_parsed(self, draft_id: int, parsed: dict[str, Any], choices: dict[str, Any]) -> None:
        """Replace the understanding after an edit or a choice between candidates."""
        self._update(draft_id, parsed=parsed, choices=choices)

    def _update(self, draft_id: int, **values: Any) -> None:
        self.session.execute(
            update(LogDraftRow).where(LogDraftRow.id == draft_id, LogDraftRow.workspace_id == self.ws).values(**values)
        )


def _draft(row: LogDraftRow) -> LogDraft:
    return LogDraft(
        id=row.id, user_slack_id=row.user_slack_id, parsed=row.parsed, state=row.state,
        source=SourceMessage(row.source_channel, row.source_ts), choices=row.choices or {},
        card_channel=row.card_channel, card_ts=row.card_ts, outcome=row.outcome, created_at=row.created_at,
        thread_ts=row.thread_ts,
    )
