"""Repositories for users, accounts, departments, contacts and their links; every query is workspace-scoped."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import and_, delete, func, or_, select
from sqlalchemy.sql import ColumnElement

from domain.entities import Account, Contact, ContactLink, User
from domain.resolution import match_account, search_keys
from domain.touch_plan import CadenceTable, TouchPlan, plan_for
from storage.repo_base import Repository
from storage.rows import (
    AccountRow,
    ContactKeyRow,
    ContactLinkRow,
    ContactRow,
    DepartmentRow,
    InteractionContactRow,
    InteractionRow,
    UserRow,
)


class UsersRepo(Repository):
    """Slack users with their role, locale and time zone."""

    def get(self, slack_user_id: str) -> User | None:
        """The user, or None when Rapport has not met them yet."""
        row = self._row(slack_user_id)
        return None if row is None else _user(row)

    def save(self, user: User) -> User:
        """Insert or update the user's profile."""
        row = self._row(user.slack_user_id) or UserRow(workspace_id=self.ws, slack_user_id=user.slack_user_id)
        row.name, row.role, row.locale, row.tz = user.name, user.role, user.locale, user.tz
        row.manager_slack_id, row.refreshed_at = user.manager_slack_id, user.refreshed_at
        self.session.add(row)
        self.session.flush()
        return _user(row)

    def reports_of(self, manager_slack_id: str) -> frozenset[str]:
        """Slack ids of the people whose manager this is."""
        q = select(UserRow.slack_user_id).where(UserRow.workspace_id == self.ws,
                                                UserRow.manager_slack_id == manager_slack_id)
        return frozenset(self.session.scalars(q))

    def _row(self, slack_user_id: str) -> UserRow | None:
        q = select(UserRow).where(UserRow.workspace_id == self.ws, UserRow.slack_user_id == slack_user_id)
        return self.session.scalars(q).first()


def _user(row: UserRow) -> User:
    return User(row.slack_user_id, row.name, row.role, row.locale, row.tz, row.manager_slack_id, row.refreshed_at)


class AccountsRepo(Repository):
    """Customer organisations."""

    def all(self) -> list[Account]:
        """Every account of the workspace, by name."""
        rows = self.session.scalars(select(AccountRow).where(AccountRow.workspace_id == self.ws).order_by(AccountRow.name))
        return [_account(r) for r in rows]

    def find(self, written: str | None) -> Account | None:
        """The account a rep means by this name or alias; reads names only, not whole rows."""
        if not written:
            return None
        q = select(AccountRow.id, AccountRow.name, AccountRow.aliases).where(AccountRow.workspace_id == self.ws)
        named = [Account(i, n, tuple(a or ())) for i, n, a in self.session.execute(q)]
        found = match_account(written, named)
        return None if found is None else self.get(found.id)

    def join_team(self, account_id: int, slack_user_id: str) -> bool:
        """Put a rep on the account team; False when they already were on it (or own it)."""
        row = self.session.get(AccountRow, account_id)
        if row is None or row.workspace_id != self.ws:
            raise LookupError(f"account {account_id} is not in this workspace")
        if slack_user_id == row.owner_slack_id or slack_user_id in (row.team or []):
            return False
        row.team = [*(row.team or []), slack_user_id]
        return True

    def get(self, account_id: int) -> Account | None:
        """The account with this id in this workspace."""
        row = self.session.get(AccountRow, account_id)
        return _account(row) if row is not None and row.workspace_id == self.ws else None

    def add(self, *, name: str, now: datetime, owner_slack_id: str | None = None,
            aliases: tuple[str, ...] = (), industry: str | None = None, region: str | None = None) -> Account:
        """Create an account."""
        row = AccountRow(workspace_id=self.ws, name=name, aliases=list(aliases), industry=industry, region=region,
                         owner_slack_id=owner_slack_id, team=[], created_at=now)
        self.session.add(row)
        self.session.flush()
        return _account(row)


def _account(row: AccountRow) -> Account:
    return Account(row.id, row.name, tuple(row.aliases or ()), row.industry, row.region, row.owner_slack_id,
                   tuple(row.team or ()))


class DepartmentsRepo(Repository):
    """Departments of an account."""

    def ensure(self, account_id: int, name: str) -> int:
        """The id of the named department, created when new."""
        q = select(DepartmentRow.id).where(
            DepartmentRow.workspace_id == self.ws, DepartmentRow.account_id == account_id, DepartmentRow.name == name
        )
        found = self.session.scalars(q).first()
        if found is not None:
            return found
        row = DepartmentRow(workspace_id=self.ws, account_id=account_id, name=name)
        self.session.add(row)
        self.session.flush()
        return row.id


class ContactsRepo(Repository):
    """People at customers."""

    def _query(self) -> Any:
        return (
            select(ContactRow, AccountRow.name, DepartmentRow.name)
            .outerjoin(AccountRow, AccountRow.id == ContactRow.account_id)
            .outerjoin(DepartmentRow, DepartmentRow.id == ContactRow.department_id)
            .where(ContactRow.workspace_id == self.ws)
        )

    def all(self, account_id: int | None = None) -> list[Contact]:
        """Every contact, or those of one account."""
        q = self._query()
        if account_id is not None:
            q = q.where(ContactRow.account_id == account_id)
        return [_contact(*r) for r in self.session.execute(q.order_by(ContactRow.id))]

    def get(self, contact_id: int) -> Contact | None:
        """One contact by id within the workspace."""
        r = self.session.execute(self._query().where(ContactRow.id == contact_id)).first()
        return None if r is None else _contact(*r)

    def candidates(self, *, account_id: int | None, keys: set[str]) -> list[Contact]:
        """Contacts a log could mean: the account's people, and anyone a spelling fits (an index look-up)."""
        conditions: list[ColumnElement[bool]] = []
        if keys:
            spelled = select(ContactKeyRow.contact_id).where(ContactKeyRow.workspace_id == self.ws,
                                                              ContactKeyRow.key.in_(sorted(keys)))
            conditions.append(ContactRow.id.in_(spelled))
        if account_id is not None:
            conditions.append(ContactRow.account_id == account_id)
        if not conditions:
            return []
        return [_contact(*r) for r in self.session.execute(self._query().where(or_(*conditions)).order_by(ContactRow.id))]

    def count(self) -> int:
        """How many contacts the workspace holds."""
        return self.session.scalar(select(func.count()).where(ContactRow.workspace_id == self.ws)) or 0

    def plans_of_rep(self, rep_slack_id: str, table: CadenceTable | None = None) -> list[tuple[Contact, TouchPlan]]:
        """The rep's people (their own, or nobody's at an account the rep owns), each with their touch plan."""
        owned = select(AccountRow.id).where(AccountRow.workspace_id == self.ws, AccountRow.owner_slack_id == rep_slack_id)
        last = (select(func.max(InteractionRow.occurred_on))
                .join(InteractionContactRow, InteractionContactRow.interaction_id == InteractionRow.id)
                .where(InteractionContactRow.contact_id == ContactRow.id).scalar_subquery())
        q = self._query().add_columns(last).where(or_(
            ContactRow.owner_slack_id == rep_slack_id,
            and_(ContactRow.owner_slack_id.is_(None), ContactRow.account_id.in_(owned))))
        out = []
        for row, account, department, last_touch in self.session.execute(q.order_by(ContactRow.id)):
            contact = _contact(row, account, department)
            # Never touched: due one rhythm after they were first recorded, as the worker plans it.
            out.append((contact, plan_for(contact, last_touch=last_touch, started_on=row.created_at.date(),
                                          override_days=row.cadence_days or None, table=table)))
        return out

    def add(self, contact: Contact, *, now: datetime, department_id: int | None = None) -> Contact:
        """Store a new contact; its id is assigned by the store."""
        row = ContactRow(workspace_id=self.ws, created_at=now, updated_at=now, department_id=department_id)
        _fill(row, contact)
        self.session.add(row)
        self.session.flush()
        self._index(row.id, contact)
        return replace(contact, id=row.id)

    def update(self, contact: Contact, *, now: datetime, department_id: int | None = None) -> None:
        """Write a changed profile back."""
        row = self.session.get(ContactRow, contact.id)
        if row is None or row.workspace_id != self.ws:
            raise LookupError(f"contact {contact.id} is not in this workspace")
        _fill(row, contact)
        if department_id is not None:
            row.department_id = department_id
        row.updated_at = now
        self._index(contact.id, contact)

    def _index(self, contact_id: int, contact: Contact) -> None:
        self.session.execute(delete(ContactKeyRow).where(ContactKeyRow.contact_id == contact_id))
        self.session.add_all(ContactKeyRow(contact_id=contact_id, key=k, workspace_id=self.ws)
                             for k in search_keys(contact.name, contact.aliases))


def _fill(row: ContactRow, c: Contact) -> None:
    row.name, row.account_id, row.aliases, row.title = c.name, c.account_id, list(c.aliases), c.title
    row.birthday, row.birthday_lunar, row.stance = c.birthday, c.birthday_lunar, c.stance
    row.importance, row.closeness, row.trust_stage = c.importance, c.closeness, c.trust_stage
    row.behaviour_tags = list(c.behaviour_tags)
    row.do_not_contact, row.owner_slack_id, row.locale = c.do_not_contact, c.owner_slack_id, c.locale
    row.cadence_days = c.cadence_days


def _contact(row: ContactRow, account_name: str | None, department: str | None) -> Contact:
    return Contact(
        id=row.id, name=row.name, account_id=row.account_id, account_name=account_name,
        aliases=tuple(row.aliases or ()), title=row.title, department=department, birthday=row.birthday,
        birthday_lunar=row.birthday_lunar, importance=row.importance, closeness=row.closeness,
        stance=row.stance, trust_stage=row.trust_stage, do_not_contact=row.do_not_contact,
        behaviour_tags=tuple(row.behaviour_tags or ()),
        owner_slack_id=row.owner_slack_id, locale=row.locale, cadence_days=row.cadence_days or None,
    )


class ContactLinksRepo(Repository):
    """Reporting lines, influence, alliances, rivalries and acquaintances between contacts."""

    def of_contact(self, contact_id: int) -> list[ContactLink]:
        """Every link the contact is at either end of."""
        q = select(ContactLinkRow).where(ContactLinkRow.workspace_id == self.ws, or_(
            ContactLinkRow.from_contact_id == contact_id, ContactLinkRow.to_contact_id == contact_id))
        return [ContactLink(r.id, r.from_contact_id, r.kind, r.to_contact_id, r.strength)
                for r in self.session.scalars(q.order_by(ContactLinkRow.id))]

    def of_account(self, account_id: int) -> list[ContactLink]:
        """The links whose both ends are people of the account."""
        members = select(ContactRow.id).where(ContactRow.workspace_id == self.ws, ContactRow.account_id == account_id)
        q = select(ContactLinkRow).where(ContactLinkRow.workspace_id == self.ws,
                                         ContactLinkRow.from_contact_id.in_(members),
                                         ContactLinkRow.to_contact_id.in_(members))
        return [ContactLink(r.id, r.from_contact_id, r.kind, r.to_contact_id, r.strength)
                for r in self.session.scalars(q.order_by(ContactLinkRow.id))]

    def add(self, *, from_id: int, kind: str, to_id: int, now: datetime, source: str | None) -> int | None:
        """Record the link; returns None when the same link is already known."""
        self._require_contacts(from_id, to_id)
        q = select(ContactLinkRow.id).where(
            ContactLinkRow.workspace_id == self.ws, ContactLinkRow.from_contact_id == from_id,
            ContactLinkRow.to_contact_id == to_id, ContactLinkRow.kind == kind,
        )
        if self.session.scalars(q).first() is not None:
            return None
        row = ContactLinkRow(workspace_id=self.ws, from_contact_id=from_id, to_contact_id=to_id, kind=kind,
                             source=source, created_at=now)
        self.session.add(row)
        self.session.flush()
        return row.id

    def _require_contacts(self, *contact_ids: int) -> None:
        # A link must never tie this workspace's graph to another workspace's contacts.
        q = select(func.count()).where(ContactRow.workspace_id == self.ws, ContactRow.id.in_(set(contact_ids)))
        if (self.session.scalar(q) or 0) != len(set(contact_ids)):
            raise LookupError(f"contacts {sorted(set(contact_ids))} are not all in this workspace")
