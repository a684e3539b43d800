"""`rapport export --json`: the whole store of one workspace as readable, JSON-ready records."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from sqlalchemy import select, union
from sqlalchemy.orm import Session, sessionmaker

from storage.base import Base, WorkspaceScoped
from storage.export_fields import Names, columns, name_of, plain
from storage.rows import (
    AccountRow,
    AuditRow,
    ContactLinkRow,
    ContactRow,
    DepartmentLinkRow,
    DepartmentRow,
    InteractionContactRow,
    InteractionRow,
    UserRow,
)
from storage.rows_pipeline import (
    ChainMemberRow,
    ControlPointRow,
    DealRow,
    DeliveryRow,
    MeetingRow,
    OccasionRow,
    PitchDeliveryRow,
    ResourceRequestEventRow,
    ResourceRequestRow,
    ValuePropositionRow,
)

Record = dict[str, Any]
R = TypeVar("R", bound=Base)


def export_workspace(sessions: sessionmaker[Session], workspace_id: str) -> dict[str, list[Record]]:
    """Every record of the workspace, by kind (plural), with names spelled out next to the ids."""
    with sessions() as session:
        if session.get_bind().dialect.name == "postgresql":
            # One snapshot for every table, so the records refer to each other consistently.
            session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
        rows = _Loader(session, workspace_id)
        names = _names(rows, session, workspace_id)
        return {kind: [build(row, names) for row in rows.of(table)] for kind, table, build in _KINDS}


def workspace_ids(sessions: sessionmaker[Session]) -> list[str]:
    """The Slack teams that have anything in the store, for choosing what to export."""
    scoped = [t for t in (m.class_ for m in Base.registry.mappers) if issubclass(t, WorkspaceScoped)]
    with sessions() as session:
        return sorted(session.scalars(union(*(select(t.workspace_id) for t in scoped))))


class _Loader:
    """Loads each table of the workspace once, in id order."""

    def __init__(self, session: Session, workspace_id: str) -> None:
        self.session, self.ws = session, workspace_id
        self._cache: dict[type[Base], list[Any]] = {}

    def of(self, table: type[R]) -> list[R]:
        if table not in self._cache:
            q = select(table).where(table.workspace_id == self.ws).order_by(table.id)  # type: ignore[attr-defined]
            self._cache[table] = list(self.session.scalars(q))
        return self._cache[table]


def _names(rows: _Loader, session: Session, workspace_id: str) -> Names:
    n = Names(
        people={u.slack_user_id: u.name for u in rows.of(UserRow)},
        accounts={a.id: a.name for a in rows.of(AccountRow)},
        departments={d.id: d.name for d in rows.of(DepartmentRow)},
        contacts={c.id: c.name for c in rows.of(ContactRow)},
        deals={d.id: d.name for d in rows.of(DealRow)},
        propositions={p.id: p.title for p in rows.of(ValuePropositionRow)},
    )
    n.members = {m.id: n.contacts.get(m.contact_id, "") for m in rows.of(ChainMemberRow)}
    q = (select(InteractionContactRow).join(InteractionRow, InteractionRow.id == InteractionContactRow.interaction_id)
         .where(InteractionRow.workspace_id == workspace_id).order_by(InteractionContactRow.contact_id))
    for link in session.scalars(q):
        (n.met if link.present else n.mentioned)[link.interaction_id].append(n.contacts.get(link.contact_id, ""))
    for e in rows.of(ResourceRequestEventRow):
        n.events[e.request_id].append({"at": plain(e.at), "actor": n.person(e.actor_slack_id), "kind": e.kind,
                                       "note": e.note})
    return n


def _user(r: UserRow, n: Names) -> Record:
    return columns(r) | {"manager": n.person(r.manager_slack_id)}


def _account(r: AccountRow, n: Names) -> Record:
    return columns(r) | {"owner": n.person(r.owner_slack_id), "team": [n.person(s) for s in r.team or []]}


def _department(r: DepartmentRow, n: Names) -> Record:
    return columns(r) | {"account": n.accounts.get(r.account_id), "parent": name_of(n.departments, r.parent_id)}


def _department_link(r: DepartmentLinkRow, n: Names) -> Record:
    return columns(r) | {"from": n.departments.get(r.from_department_id), "to": n.departments.get(r.to_department_id)}


def _contact(r: ContactRow, n: Names) -> Record:
    return columns(r) | {"account": name_of(n.accounts, r.account_id),
                         "department": name_of(n.departments, r.department_id), "owner": n.person(r.owner_slack_id)}


def _contact_link(r: ContactLinkRow, n: Names) -> Record:
    return columns(r) | {"from": n.contacts.get(r.from_contact_id), "to": n.contacts.get(r.to_contact_id)}


def _interaction(r: InteractionRow, n: Names) -> Record:
    return columns(r) | {"rep": n.person(r.rep_slack_id), "account": name_of(n.accounts, r.account_id),
                         "deal": name_of(n.deals, r.deal_id), "contacts": n.met.get(r.id, []),
                         "mentioned": n.mentioned.get(r.id, [])}


def _deal(r: DealRow, n: Names) -> Record:
    return columns(r) | {"account": name_of(n.accounts, r.account_id), "owner": n.person(r.owner_slack_id)}


def _chain_member(r: ChainMemberRow, n: Names) -> Record:
    return columns(r) | {"deal": n.deals.get(r.deal_id), "contact": n.contacts.get(r.contact_id),
                         "reports_to": name_of(n.members, r.reports_to_member_id)}


def _control_point(r: ControlPointRow, n: Names) -> Record:
    return columns(r) | {"deal": n.deals.get(r.deal_id)}


def _value_proposition(r: ValuePropositionRow, n: Names) -> Record:
    return columns(r) | {"created_by": n.person(r.created_by)}


def _pitch_delivery(r: PitchDeliveryRow, n: Names) -> Record:
    return columns(r) | {"proposition": name_of(n.propositions, r.proposition_id),
                         "contact": n.contacts.get(r.contact_id), "deal": name_of(n.deals, r.deal_id)}


def _resource_request(r: ResourceRequestRow, n: Names) -> Record:
    return columns(r) | {"deal": name_of(n.deals, r.deal_id), "account": name_of(n.accounts, r.account_id),
                         "requester": n.person(r.requester_slack_id), "assignee": n.person(r.assignee_slack_id),
                         "events": n.events.get(r.id, [])}


def _meeting(r: MeetingRow, n: Names) -> Record:
    return columns(r) | {"rep": n.person(r.rep_slack_id), "account": name_of(n.accounts, r.account_id),
                         "deal": name_of(n.deals, r.deal_id), "with": [n.contacts.get(c) for c in r.contact_ids or []]}


def _occasion(r: OccasionRow, n: Names) -> Record:
    return columns(r) | {"contact": n.contacts.get(r.contact_id)}


def _delivery(r: DeliveryRow, n: Names) -> Record:
    return columns(r) | {"recipient": n.person(r.recipient_slack_id)}


def _audit(r: AuditRow, n: Names) -> Record:
    return columns(r) | {"actor": n.person(r.actor_slack_id)}


_KINDS: Iterable[tuple[str, type[Any], Callable[[Any, Names], Record]]] = (
    ("users", UserRow, _user),
    ("accounts", AccountRow, _account),
    ("departments", DepartmentRow, _department),
    ("department_links", DepartmentLinkRow, _department_link),
    ("contacts", ContactRow, _contact),
    ("contact_links", ContactLinkRow, _contact_link),
    ("interactions", InteractionRow, _interaction),
    ("deals", DealRow, _deal),
    ("chain_members", ChainMemberRow, _chain_member),
    ("control_points", ControlPointRow, _control_point),
    ("value_propositions", ValuePropositionRow, _value_proposition),
    ("pitch_deliveries", PitchDeliveryRow, _pitch_delivery),
    ("resource_requests", ResourceRequestRow, _resource_request),
    ("meetings", MeetingRow, _meeting),
    ("occasions", OccasionRow, _occasion),
    ("deliveries", DeliveryRow, _delivery),
    ("audit_log", AuditRow, _audit),
)

# The table behind each kind of record: the restore inserts the same kinds (see storage/repos_restore.py).
TABLES: dict[str, type[Any]] = {kind: table for kind, table, _build in _KINDS}
