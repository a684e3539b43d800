"""Writing a confirmed log plan into the store, with an audit entry for every change."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from domain.entities import AuditEntry, Contact, SourceMessage
from domain.log_plan import LogPlan, PersonStep
from domain.resolution import pinyin_aliases
from services.record_dates import congratulate, keep_date
from services.record_deal import DealRecorder, plain
from services.record_pitches import heard_by, record_pitched
from storage.uow import UnitOfWork


class _Recorder:
    """Applies one plan inside the caller's unit of work."""

    def __init__(self, uow: UnitOfWork, actor: str, now: datetime, source: SourceMessage, *, tz: str | None = None,
                 morning: str = "08:30") -> None:
        self.uow, self.actor, self.now, self.source = uow, actor, now, source
        self.tz, self.morning = tz or "UTC", morning
        self.ids: dict[str, int] = {}
        self.counts = {"contacts_new": 0, "contacts_updated": 0, "relations": 0, "account_new": 0, "occasions": 0,
                       "congratulations": 0}

    def audit(self, entity: str, entity_id: int | None, action: str,
              before: dict[str, Any] | None, after: dict[str, Any] | None) -> None:
        self.uow.audit.record(AuditEntry(self.actor, self.now, entity, entity_id, action, before, after, self.source))

    def account(self, plan: LogPlan) -> int | None:
        if plan.account is not None:
            if self.uow.accounts.join_team(plan.account.id, self.actor):
                # Logging a touch at an account puts the rep on its team, so they see it from now on.
                self.audit("account", plan.account.id, "update", None, {"team_added": self.actor})
            return plan.account.id
        if not plan.account_name:
            return None
        created = self.uow.accounts.add(name=plan.account_name, now=self.now, owner_slack_id=self.actor)
        self.audit("account", created.id, "create", None, {"name": created.name})
        self.counts["account_new"] = 1
        return created.id

    def person(self, step: PersonStep, account_id: int | None, account_name: str | None) -> None:
        m = step.mention
        department_id = self._department(account_id, m.department)
        if step.contact is None:
            fresh = Contact(
                id=0, name=m.name, account_id=account_id, account_name=account_name, aliases=pinyin_aliases(m.name),
                title=m.title, department=m.department, birthday=m.birthday, birthday_lunar=m.birthday_lunar,
                stance=m.stance or "unknown", owner_slack_id=self.actor,
            )
            saved = self.uow.contacts.add(fresh, now=self.now, department_id=department_id)
            self.audit("contact", saved.id, "create", None, saved.profile())
            self.ids[m.name] = saved.id
            self.counts["contacts_new"] += 1
        else:
            self.ids[m.name] = step.contact.id
            self._update(step, department_id)
        self._dates(step, self.ids[m.name])

    def _dates(self, step: PersonStep, contact_id: int) -> None:
        """The promotions and join dates the log tells, kept once each; a promotion still news is congratulated."""
        for item in step.dates:
            if not keep_date(self.uow, contact_id=contact_id, item=item, actor=self.actor, now=self.now,
                             source=self.source):
                continue
            self.counts["occasions"] += 1
            contact = self.uow.contacts.get(contact_id)
            if contact is None or item.kind != "promotion":
                continue
            rep = contact.owner_slack_id or self.actor  # greetings go to the contact's owner, as the worker's do
            owner = self.uow.users.get(rep) if rep != self.actor else None
            tz = owner.tz if owner is not None and owner.tz else self.tz
            if congratulate(self.uow, contact=contact, item=item, rep=rep, now=self.now, tz=tz, morning=self.morning):
                self.counts["congratulations"] += 1

    def _update(self, step: PersonStep, department_id: int | None) -> None:
        contact = step.contact
        assert contact is not None
        if not step.changes:
            return
        self.uow.contacts.update(replace(contact, **{f: after for f, _before, after in step.changes}),
                                 now=self.now, department_id=department_id)
        before = {f: plain(b) for f, b, _a in step.changes}
        after = {f: plain(a) for f, _b, a in step.changes}
        self.audit("contact", contact.id, "update", before, after)
        self.counts["contacts_updated"] += 1

    def _department(self, account_id: int | None, name: str | None) -> int | None:
        if account_id is None or not name:
            return None
        return self.uow.departments.ensure(account_id, name)

    def relations(self, plan: LogPlan) -> None:
        source = f"{self.source.channel}/{self.source.ts}" if self.source.ts else None
        for rel in plan.relations:
            a, b = self.ids.get(rel.from_), self.ids.get(rel.to)
            if a is None or b is None or a == b:
                continue
            link = self.uow.contact_links.add(from_id=a, kind=rel.kind, to_id=b, now=self.now, source=source)
            if link is not None:
                self.audit("contact_link", link, "create", None, {"from": rel.from_, "kind": rel.kind, "to": rel.to})
                self.counts["relations"] += 1


def record_plan(uow: UnitOfWork, plan: LogPlan, *, actor: str, now: datetime, source: SourceMessage,
                today: Any, tz: str | None = None, morning: str = "08:30") -> dict[str, Any]:
    """Store everything a confirmed plan holds, each change audited; returns what was saved.

    `morning` (HH:MM in the rep's zone `tz`) is when a congratulation on a fresh promotion arrives."""
    rec = _Recorder(uow, actor, now, source, tz=tz, morning=morning)
    account_id = rec.account(plan)
    for step in plan.people:
        rec.person(step, account_id, plan.account_name)
    rec.relations(plan)
    deals = DealRecorder(uow, actor, now, source, rec.counts)
    deal_id = deals.deal(plan.deal, account_id, rec.ids)
    deals.requests(plan, account_id, deal_id)
    deals.meetings(plan, account_id, deal_id, rec.ids, tz)
    log = plan.log
    contacts = {rec.ids[p.mention.name]: p.mention.present for p in plan.people}
    if plan.extends is not None:
        uow.interactions.extend(plan.extends, contacts=contacts, note=log.notes, pitched=log.pitched)
        # A reply's points were heard by everyone in the interaction it adds to, on that one occasion.
        told = plan.extends
        record_pitched(uow, pitched=log.pitched, contact_ids=(*told.contact_ids, *heard_by(contacts)), deal_id=deal_id,
                       interaction=told, now=now, tz=tz)
        rec.audit("interaction", plan.extends.id, "update", None,
                  {"added_note": log.notes, "contacts": [p.mention.name for p in plan.people]})
        return {**rec.counts, "interaction_id": plan.extends.id, "extended": True, "contact_ids": rec.ids,
                "occurred_on": plan.extends.occurred_on.isoformat(), "people": [p.mention.name for p in plan.people]}
    interaction = uow.interactions.add(
        rep_slack_id=actor, occurred_on=log.occurred_on or today, channel=log.channel, summary=log.notes,
        now=now, account_id=account_id, contacts=contacts, pitched=log.pitched, source=source, deal_id=deal_id,
    )
    record_pitched(uow, pitched=log.pitched, contact_ids=heard_by(contacts), deal_id=deal_id, interaction=interaction,
                   now=now, tz=tz)
    rec.audit("interaction", interaction.id, "create", None,
              {"occurred_on": interaction.occurred_on.isoformat(), "channel": interaction.channel,
               "contacts": [p.mention.name for p in plan.people]})
    return {**rec.counts, "interaction_id": interaction.id, "occurred_on": interaction.occurred_on.isoformat(),
            "people": [p.mention.name for p in plan.people], "contact_ids": rec.ids}
