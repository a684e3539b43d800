"""Loading the demo data set into a workspace, once, through the repositories."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time
from typing import Any

from domain.entities import AuditEntry, ChainMember, Contact, ControlPoint, Deal, SourceMessage, User
from domain.pitch_library import check_pitch
from domain.pitches import Proposition
from sandbox.demo_data import DEMO_ACCOUNT_NAME, demo_accounts, demo_propositions
from sandbox.demo_data_types import DemoAccount, DemoDeal, DemoProposition
from services.pitch_library import EDITABLE
from services.record_deal import plain
from storage.repos_deal_import import DealImportRepo
from storage.uow import UnitOfWork

ACTOR = "seed"
NO_SOURCE = SourceMessage(None, None)
COUNTS = ("accounts", "departments", "department_links", "contacts", "links", "deals", "chain_members",
          "interactions", "propositions")


def load_demo_dataset(*, uow: UnitOfWork, today: date, now: datetime, reps: tuple[str, ...]) -> dict[str, int]:
    """Write the demo world in one transaction; all zeros when the demo account is already there."""
    counts = dict.fromkeys(COUNTS, 0)
    with uow:
        if any(a.name == DEMO_ACCOUNT_NAME for a in uow.accounts.all()):
            return counts
        for account in demo_accounts(today, reps):
            _Loader(uow, now, counts).load(account)
        for pitch in demo_propositions():
            _proposition(uow, pitch, now)
            counts["propositions"] += 1
        uow.commit()
    return counts


def _proposition(uow: UnitOfWork, pitch: DemoProposition, now: datetime) -> None:
    """One pitch of the library, held to the rule the create dialog applies (2–3 points, 60 seconds); audited."""
    problems = check_pitch(pitch.title, pitch.points)
    if problems:  # the demo's own data: a pitch the dialog would refuse is a bug here, not something to keep
        raise ValueError(f"demo pitch {pitch.title!r}: " + "; ".join(f"{p.field} {p.code}" for p in problems))
    made = uow.propositions.add(Proposition(0, pitch.title, pitch.points, pitch.industries, pitch.products,
                                            pitch.roles), by=ACTOR, now=now, locale=pitch.locale)
    after = {k: plain(getattr(made, k)) for k in sorted(EDITABLE)}  # as a pitch made in the dialog is audited
    uow.audit.record(AuditEntry(ACTOR, now, "proposition", made.id, "create", None, after, NO_SOURCE))


def load_demo_team(*, uow: UnitOfWork, reps: tuple[str, ...], presales: tuple[str, ...] = ()) -> None:
    """The demo's team: every rep but the last reports to the last, a manager (needs three or more); the presales
    engineers who serve the reps' requests hold the presales role."""
    with uow:
        if len(reps) >= 3:
            *members, manager = reps
            uow.users.save(replace(uow.users.get(manager) or User(manager), role="manager"))
            for rep in members:
                uow.users.save(replace(uow.users.get(rep) or User(rep), manager_slack_id=manager))
        for engineer in presales:
            uow.users.save(replace(uow.users.get(engineer) or User(engineer), role="presales"))
        uow.commit()


class _Loader:
    """Writes one demo account inside the caller's unit of work, counting what it creates."""

    def __init__(self, uow: UnitOfWork, now: datetime, counts: dict[str, int]) -> None:
        self.uow, self.now, self.counts = uow, now, counts
        # Until storage/uow.py registers them, the org repositories share the unit of work's session.

    def load(self, demo: DemoAccount) -> None:
        """Account, org chart, people, ties, deals with their chains, then the history of touches."""
        account = self.uow.accounts.add(name=demo.name, now=self.now, owner_slack_id=demo.owner,
                                        aliases=demo.aliases, industry=demo.industry, region=demo.region)
        self._audit("account", account.id, {"name": demo.name, "industry": demo.industry, "region": demo.region})
        self.counts["accounts"] += 1
        departments = self._departments(demo, account.id)
        contacts = self._contacts(demo, account.id, departments)
        self._links(demo, contacts)
        deals = {d.name: self._deal(d, account.id, demo, contacts) for d in demo.deals}
        self._interactions(demo, account.id, contacts, deals)

    def _audit(self, entity: str, entity_id: int, after: dict[str, Any]) -> None:
        self.uow.audit.record(AuditEntry(ACTOR, self.now, entity, entity_id, "create", None, after, NO_SOURCE))

    def _departments(self, demo: DemoAccount, account_id: int) -> dict[str, int]:
        ids = {d.name: self.uow.departments.ensure(account_id, d.name) for d in demo.departments}
        for d in demo.departments:
            if d.parent is not None:
                self.uow.department_links.set_parent(ids[d.name], ids[d.parent])
        for link in demo.department_links:
            if self.uow.department_links.add(from_id=ids[link.from_], kind=link.kind, to_id=ids[link.to], note=link.note):
                self.counts["department_links"] += 1
        self.counts["departments"] += len(ids)
        return ids

    def _contacts(self, demo: DemoAccount, account_id: int, departments: dict[str, int]) -> dict[str, int]:
        ids: dict[str, int] = {}
        for c in demo.contacts:
            contact = Contact(
                id=0, name=c.name, account_id=account_id, account_name=demo.name, aliases=c.aliases, title=c.title,
                department=c.department, birthday=c.birthday, birthday_lunar=c.birthday_lunar,
                importance=c.importance, closeness=c.closeness, stance=c.stance, owner_slack_id=demo.owner,
            )
            saved = self.uow.contacts.add(contact, now=self.now, department_id=departments[c.department])
            self._audit("contact", saved.id, saved.profile())
            ids[c.key] = saved.id
        self.counts["contacts"] += len(ids)
        return ids

    def _links(self, demo: DemoAccount, contacts: dict[str, int]) -> None:
        for link in demo.links:
            made = self.uow.contact_links.add(from_id=contacts[link.from_], kind=link.kind, to_id=contacts[link.to],
                                              now=self.now, source=ACTOR)
            self.counts["links"] += made is not None

    def _deal(self, d: DemoDeal, account_id: int, demo: DemoAccount, contacts: dict[str, int]) -> int:
        opened = self._at(d.created_on)
        deal = self.uow.deals.add(Deal(
            id=0, name=d.name, account_id=account_id, amount=d.amount, currency=d.currency, stage=d.stage,
            close_on=d.close_on, rfp_due=d.rfp_due, tender_on=d.tender_on, award_method=d.award_method,
            award_rule=d.award_rule, competitors=d.competitors, outcome=d.outcome, owner_slack_id=demo.owner,
            budget_on=d.budget_on, winner=d.winner, winning_price=d.winning_price, outcome_reason=d.outcome_reason,
            evaluation_criteria=tuple(dict(c) for c in d.evaluation_criteria),
        ), now=opened)
        self.uow.audit.record(AuditEntry(ACTOR, opened, "deal", deal.id, "create", None, {
            "name": d.name, "account": demo.name, "amount": d.amount, "currency": d.currency, "stage": d.stage,
        }, NO_SOURCE))
        self.counts["deals"] += 1
        self._assessed(d, deal.id, opened)
        self._chain(d, deal.id, contacts)
        return deal.id

    def _at(self, day: date | None) -> datetime:
        """When something of the story happened: a past project was opened and assessed back then, so this
        week's pipeline changes leave it out; None is now."""
        return self.now if day is None else datetime.combine(day, time(9), self.now.tzinfo)

    def _assessed(self, d: DemoDeal, deal_id: int, opened: datetime) -> None:
        """The deal's custom attributes, and its control points as assessed before the tender."""
        if d.custom:
            DealImportRepo(self.uow.session, self.uow.workspace_id).update(deal_id, values={"custom": dict(d.custom)},
                                                                            now=opened)
        assessed = self._at(d.tender_on) if d.created_on is not None and d.tender_on is not None else opened
        for key, state, evidence in d.points:
            self.uow.control_points.set(deal_id, ControlPoint(key, state, evidence), now=assessed)

    def _chain(self, d: DemoDeal, deal_id: int, contacts: dict[str, int]) -> None:
        members: dict[str, int] = {}
        for m in d.chain:  # a member's project-team boss is listed before them
            boss = None if m.reports_to is None else members[m.reports_to]
            added = self.uow.chain_members.add(ChainMember(0, deal_id, contacts[m.contact], m.role, m.influence,
                                                           m.stance, boss))
            members[m.contact] = added.id
        self.counts["chain_members"] += len(members)

    def _interactions(self, demo: DemoAccount, account_id: int, contacts: dict[str, int],
                      deals: dict[str, int]) -> None:
        for i in demo.interactions:
            self.uow.interactions.add(
                rep_slack_id=i.rep, occurred_on=i.occurred_on, channel=i.channel, summary=i.summary, now=self.now,
                account_id=account_id, contacts=dict.fromkeys((contacts[k] for k in i.contacts), True),
                pitched=i.pitched, source=NO_SOURCE, deal_id=None if i.deal is None else deals[i.deal],
            )
        self.counts["interactions"] += len(demo.interactions)
