"""Writing what a confirmed log says about a deal, its control points, chain, requests and next meetings."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from domain.deal_plan import DealStep
from domain.entities import AuditEntry, ControlPoint, Deal, Meeting, ResourceRequest, SourceMessage
from domain.log_plan import LogPlan
from domain.meeting_moves import MOVED, PLANNED
from domain.understanding.requests import asking_sentences
from services.meetings import keep_meeting
from services.users import first_known_zone
from storage.uow import UnitOfWork


def plain(value: Any) -> Any:
    """A value as the audit log's JSON keeps it: dates as ISO strings, amounts as numbers, tuples as lists."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [plain(v) for v in value]
    if isinstance(value, Decimal):
        return float(value)
    return value.isoformat() if isinstance(value, date) else value


@dataclass
class DealRecorder:
    """Applies the deal side of one plan inside the caller's unit of work."""

    uow: UnitOfWork
    actor: str
    now: datetime
    source: SourceMessage
    counts: dict[str, Any]

    def audit(self, entity: str, entity_id: int | None, action: str, before: Any, after: Any) -> None:
        self.uow.audit.record(AuditEntry(self.actor, self.now, entity, entity_id, action, before, after, self.source))

    def deal(self, step: DealStep | None, account_id: int | None, ids: dict[str, int]) -> int | None:
        """Create or update the deal, then its control points and chain; returns its id."""
        if step is None or step.needs_choice or account_id is None:
            return None
        facts = {name: after for name, _before, after in step.changes}
        if step.deal is None:
            deal = self.uow.deals.add(replace(Deal(0, step.new_name or "", account_id, owner_slack_id=self.actor),
                                              **facts), now=self.now)
            self.audit("deal", deal.id, "create", None, {"name": deal.name, **plain(facts)})
            self.counts["deal_new"] = 1
        else:
            deal = step.deal
            if facts:
                self.uow.deals.update(replace(deal, **facts), now=self.now)
                self.audit("deal", deal.id, "update", {n: plain(b) for n, b, _a in step.changes}, plain(facts))
                self.counts["deal_updated"] = 1
        self._points(step, deal.id)
        self._roles(step, deal.id, ids)
        return deal.id

    def _points(self, step: DealStep, deal_id: int) -> None:
        for p in step.points:
            self.uow.control_points.set(deal_id, ControlPoint(p.key, p.after, p.evidence), now=self.now)
            self.audit("control_point", deal_id, "update", {p.key: p.before}, {p.key: p.after, "evidence": p.evidence})
        self.counts["control_points"] = len(step.points)

    def _roles(self, step: DealStep, deal_id: int, ids: dict[str, int]) -> None:
        for written, role in step.roles:
            if written in ids:
                before, after = self.uow.chain_members.place(deal_id, ids[written], role=role, stance=None)
                if before != after:
                    self.audit("chain_member", deal_id, "update", {written: before}, {written: after})

    def requests(self, plan: LogPlan, account_id: int | None, deal_id: int | None) -> None:
        """Open the presales requests the log asks for; the worker's next tick routes them to their queues.

        A log that only asks for help ("需要售前做一场演示") names no deal: at an account with one open deal
        the request is for that one, so its card can show the deal's chain and its product can route it."""
        if deal_id is None and account_id is not None and plan.log.resource_requests:
            open_deals = self.uow.deals.open_at(account_id)
            deal_id = open_deals[0].id if len(open_deals) == 1 else None
        for r in plan.log.resource_requests:
            made = self.uow.resource_requests.add(ResourceRequest(
                0, r.type, self.actor, r.needed_by, asking_sentences(plan.log.notes, r.type)[:2000], account_id,
                deal_id), now=self.now)
            self.audit("resource_request", made.id, "create", None,
                       {"type": r.type, "needed_by": plain(r.needed_by)})
        self.counts["requests"] = len(plan.log.resource_requests)

    def meetings(self, plan: LogPlan, account_id: int | None, deal_id: int | None, ids: dict[str, int],
                 tz: str | None) -> None:
        """Keep the meetings the rep has planned, with the contacts they are with: one told again (a thread reply
        restating it) is the one on record; one told with another day or time moves the earlier one."""
        today, kept = self.now.astimezone(first_known_zone(tz)).date(), list[int]()
        for m in plan.log.next_meetings:
            contacts = tuple(ids[w] for w in m.with_ if w in ids)
            wanted = Meeting(0, self.actor, m.on, m.at, tz, m.topic, account_id, deal_id, contacts)
            made = keep_meeting(self.uow, wanted, now=self.now, today=today, source=self.source, told_with=kept)
            if not made.new:
                continue
            kept.append(made.meeting.id)
            self.audit("meeting", made.meeting.id, "create", None,
                       {"on": m.on.isoformat(), "at": m.at, "with": list(m.with_)})
            if made.moved is not None:
                self.audit("meeting", made.moved.id, "update", {"state": PLANNED},
                           {"state": MOVED, "replaced_by": made.meeting.id})
        self.counts["meetings"] = len(kept)
