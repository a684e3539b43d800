"""Repositories for what moves a deal: control points, planned meetings and presales requests."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from sqlalchemy import select

from domain.entities import ControlPoint, Meeting, ResourceRequest, SourceMessage
from domain.meeting_moves import PLANNED
from storage.repo_base import Repository
from storage.repos_deals import DealScope, plain_rows, scoped
from storage.rows_pipeline import ControlPointRow, MeetingRow, ResourceRequestEventRow, ResourceRequestRow


class ControlPointsRepo(Repository):
    """The six control points of each deal."""

    def of_deal(self, deal_id: int) -> dict[str, ControlPoint]:
        """The deal's control points that have been assessed, by key."""
        q = select(ControlPointRow).where(ControlPointRow.workspace_id == self.ws, ControlPointRow.deal_id == deal_id)
        return {r.key: ControlPoint(r.key, r.state, r.evidence, r.updated_at.date())
                for r in self.session.scalars(q)}

    def of_deals(self, deal_ids: list[int]) -> dict[int, dict[str, ControlPoint]]:
        """The assessed control points of many deals at once, by deal and key."""
        table = ControlPointRow.__table__  # plain rows, not tracked entities: a pipeline reads thousands
        q = select(table).where(table.c.workspace_id == self.ws, table.c.deal_id.in_(deal_ids))
        points: dict[int, dict[str, ControlPoint]] = {}
        for r in self.session.execute(q):
            points.setdefault(r.deal_id, {})[r.key] = ControlPoint(r.key, r.state, r.evidence, r.updated_at.date())
        return points

    def states_of(self, deals: DealScope) -> dict[int, tuple[tuple[str, str], ...]]:
        """The assessed points of many deals as (key, state) pairs in key order, by deal: only what health needs."""
        t = ControlPointRow
        q = scoped(select(t.deal_id, t.key, t.state), t.deal_id, self.ws, deals).where(t.workspace_id == self.ws)
        q = q.order_by(t.deal_id, t.key)
        states: dict[int, list[tuple[str, str]]] = {}
        for deal_id, key, state in plain_rows(self.session, q):
            states.setdefault(deal_id, []).append((key, state))
        return {deal_id: tuple(pairs) for deal_id, pairs in states.items()}

    def set(self, deal_id: int, point: ControlPoint, *, now: datetime) -> None:
        """Record the point's new state and evidence."""
        q = select(ControlPointRow).where(ControlPointRow.workspace_id == self.ws, ControlPointRow.deal_id == deal_id,
                                          ControlPointRow.key == point.key)
        row = self.session.scalars(q).first() or ControlPointRow(workspace_id=self.ws, deal_id=deal_id, key=point.key)
        row.state, row.evidence, row.updated_at = point.state, point.evidence, now
        self.session.add(row)
        self.session.flush()


class MeetingsRepo(Repository):
    """Meetings reps have planned."""

    def add(self, meeting: Meeting, *, now: datetime, source: SourceMessage) -> Meeting:
        """Keep a planned meeting."""
        row = MeetingRow(workspace_id=self.ws, rep_slack_id=meeting.rep_slack_id, on=meeting.on, at=meeting.at,
                         tz=meeting.tz, topic=meeting.topic, account_id=meeting.account_id, deal_id=meeting.deal_id,
                         contact_ids=list(meeting.contact_ids), source_channel=source.channel,
                         source_ts=source.ts, created_at=now, state=PLANNED)
        self.session.add(row)
        self.session.flush()
        return replace(meeting, id=row.id, state=PLANNED)

    def of_rep(self, rep_slack_id: str) -> list[Meeting]:
        """A rep's planned meetings (not moved or cancelled), soonest first."""
        q = select(MeetingRow).where(MeetingRow.workspace_id == self.ws, MeetingRow.rep_slack_id == rep_slack_id,
                                     MeetingRow.state == PLANNED)
        return [_meeting(r) for r in self.session.scalars(q.order_by(MeetingRow.on))]

    def pending_of_rep(self, rep_slack_id: str, *, since: date) -> list[Meeting]:
        """A rep's meetings still planned (not moved or cancelled) on or after a day, soonest first."""
        q = select(MeetingRow).where(MeetingRow.workspace_id == self.ws, MeetingRow.rep_slack_id == rep_slack_id,
                                     MeetingRow.state == PLANNED, MeetingRow.on >= since)
        return [_meeting(r) for r in self.session.scalars(q.order_by(MeetingRow.on, MeetingRow.id))]

    def of_deal(self, deal_id: int, *, since: date) -> list[Meeting]:
        """The meetings planned for a deal on or after a day (not moved or cancelled), soonest first."""
        q = select(MeetingRow).where(MeetingRow.workspace_id == self.ws, MeetingRow.deal_id == deal_id,
                                     MeetingRow.state == PLANNED, MeetingRow.on >= since)
        return [_meeting(r) for r in self.session.scalars(q.order_by(MeetingRow.on, MeetingRow.at))]

    def get(self, meeting_id: int) -> Meeting | None:
        """One planned meeting of this workspace."""
        row = self.session.get(MeetingRow, meeting_id)
        return _meeting(row) if row is not None and row.workspace_id == self.ws else None

    def end(self, meeting_id: int, *, state: str, replaced_by: int | None = None) -> bool:
        """Mark a planned meeting moved (to `replaced_by`) or cancelled; False when it was no longer planned."""
        row = self.session.get(MeetingRow, meeting_id, with_for_update=True)
        if row is None or row.workspace_id != self.ws or row.state != PLANNED:
            return False
        row.state, row.replaced_by = state, replaced_by
        self.session.flush()
        return True


def _meeting(r: MeetingRow) -> Meeting:
    return Meeting(r.id, r.rep_slack_id, r.on, r.at, r.tz, r.topic, r.account_id, r.deal_id, tuple(r.contact_ids or ()),
                   r.state or PLANNED)


class ResourceRequestsRepo(Repository):
    """Presales and back-office requests."""

    def add(self, request: ResourceRequest, *, now: datetime) -> ResourceRequest:
        """Open a request, with its first event."""
        row = ResourceRequestRow(workspace_id=self.ws, type=request.type, deal_id=request.deal_id,
                                 account_id=request.account_id, requester_slack_id=request.requester_slack_id,
                                 needed_by=request.needed_by, details=request.details, state="open", created_at=now)
        self.session.add(row)
        self.session.flush()
        self.session.add(ResourceRequestEventRow(workspace_id=self.ws, request_id=row.id, at=now,
                                                 actor_slack_id=request.requester_slack_id, kind="created"))
        return replace(request, id=row.id)

    def all(self) -> list[ResourceRequest]:
        """Every request of the workspace, oldest first."""
        q = select(ResourceRequestRow).where(ResourceRequestRow.workspace_id == self.ws).order_by(ResourceRequestRow.id)
        return [ResourceRequest(r.id, r.type, r.requester_slack_id, r.needed_by, r.details, r.account_id, r.deal_id,
                                r.state) for r in self.session.scalars(q)]

    def open_of_deal(self, deal_id: int) -> list[ResourceRequest]:
        """A deal's requests not yet done, oldest first."""
        q = select(ResourceRequestRow).where(ResourceRequestRow.workspace_id == self.ws,
                                             ResourceRequestRow.deal_id == deal_id, ResourceRequestRow.state != "done")
        return [ResourceRequest(r.id, r.type, r.requester_slack_id, r.needed_by, r.details, r.account_id, r.deal_id,
                                r.state) for r in self.session.scalars(q.order_by(ResourceRequestRow.id))]
