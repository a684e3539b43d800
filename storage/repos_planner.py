"""What the worker's planner reads and writes: reps and their zones, due touches, occasions, new deliveries.

One worker serves every workspace, so `rep_zones` reads across workspaces; every other query takes
the workspace it plans and filters by it, and what it returns carries that workspace.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, func, or_, select, union
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from domain.occasions import DayKeys
from domain.outbox import PENDING, Delivery
from storage.rows import AccountRow, ContactRow, UserRow
from storage.rows_pipeline import DeliveryRow, OccasionRow, RepMorningRow


@dataclass(frozen=True)
class RepZone:
    """A rep who owns contacts, the zone and language Slack told us, and the last morning planned."""

    workspace_id: str
    rep_slack_id: str
    tz: str | None
    locale: str | None
    planned_on: date | None


@dataclass(frozen=True)
class DueRow:
    """One contact of one rep with something on a day: a touch falling due or an occasion."""

    contact_id: int
    rep_slack_id: str
    kind: str
    day: date
    locale: str | None = None
    label: str | None = None
    cadence_days: int | None = None


def _rep() -> ColumnElement[Any]:
    """Nudges go to the contact's owner, else to the owner of the contact's account."""
    return func.coalesce(ContactRow.owner_slack_id, AccountRow.owner_slack_id)


def rep_zones(session: Session) -> list[RepZone]:
    """Every rep with contacts, in every workspace, with their zone and last planned morning."""
    own = select(ContactRow.workspace_id.label("ws"), ContactRow.owner_slack_id.label("rep")).where(
        ContactRow.owner_slack_id.is_not(None)).distinct()
    orphans = exists().where(ContactRow.account_id == AccountRow.id, ContactRow.owner_slack_id.is_(None))
    by_account = select(AccountRow.workspace_id.label("ws"), AccountRow.owner_slack_id.label("rep")).where(
        AccountRow.owner_slack_id.is_not(None), orphans)
    reps = union(own, by_account).subquery()
    q = (select(reps.c.ws, reps.c.rep, UserRow.tz, UserRow.locale, RepMorningRow.planned_on)
         .outerjoin(UserRow, and_(UserRow.workspace_id == reps.c.ws, UserRow.slack_user_id == reps.c.rep))
         .outerjoin(RepMorningRow, and_(RepMorningRow.workspace_id == reps.c.ws, RepMorningRow.rep_slack_id == reps.c.rep)))
    return [RepZone(*row) for row in session.execute(q)]


def _contacts(ws: str, reps: Sequence[str]) -> Any:
    return (select(ContactRow.id, _rep().label("rep"), ContactRow.locale)
            .outerjoin(AccountRow, AccountRow.id == ContactRow.account_id)
            .where(ContactRow.workspace_id == ws, ContactRow.do_not_contact.is_(False), _rep().in_(reps)))


def due_touches(session: Session, ws: str, reps: Sequence[str], *, after: date, through: date) -> list[DueRow]:
    """Touches of these reps' contacts falling due after `after` up to `through` (by index on the due day)."""
    q = _contacts(ws, reps).add_columns(ContactRow.next_touch_on, ContactRow.cadence_days).where(
        ContactRow.next_touch_on > after, ContactRow.next_touch_on <= through)
    return [DueRow(r.id, r.rep, "touch", r.next_touch_on, r.locale, cadence_days=r.cadence_days)
            for r in session.execute(q)]


def birthdays(session: Session, ws: str, reps: Sequence[str], days: Iterable[DayKeys]) -> list[DueRow]:
    """Birthdays of these reps' contacts on any of `days`, solar or lunar as each contact keeps it."""
    found: list[DueRow] = []
    for keys in days:
        on_day = or_(and_(ContactRow.birthday_lunar.is_(False), ContactRow.birthday.in_(keys.spellings(False))),
                     and_(ContactRow.birthday_lunar.is_(True), ContactRow.birthday.in_(keys.spellings(True))))
        q = _contacts(ws, reps).where(on_day)
        found += [DueRow(r.id, r.rep, "birthday", keys.day, r.locale) for r in session.execute(q)]
    return found


def custom_dates(session: Session, ws: str, reps: Sequence[str], days: Iterable[DayKeys]) -> list[tuple[DueRow, int | None]]:
    """Anniversaries, promotions and custom dates on any of `days`, with the year each was recorded for."""
    found: list[tuple[DueRow, int | None]] = []
    for keys in days:
        pairs = [and_(OccasionRow.lunar.is_(lunar), OccasionRow.month == m, OccasionRow.day == d)
                 for lunar, group in ((False, keys.solar), (True, keys.lunar)) for m, d in group]
        if not pairs:
            continue
        q = (_contacts(ws, reps).add_columns(OccasionRow.kind, OccasionRow.label, OccasionRow.year)
             .join(OccasionRow, OccasionRow.contact_id == ContactRow.id).where(or_(*pairs)))
        found += [(DueRow(r.id, r.rep, r.kind, keys.day, r.locale, r.label), r.year) for r in session.execute(q)]
    return found


def everyone(session: Session, ws: str, reps: Sequence[str], *, min_importance: int = 1) -> list[DueRow]:
    """All contacts of these reps we may greet on a festival (the caller picks by locale)."""
    q = _contacts(ws, reps).where(ContactRow.importance >= min_importance)
    return [DueRow(r.id, r.rep, "festival", date.min, r.locale) for r in session.execute(q)]


def enqueue_many(session: Session, deliveries: Sequence[Delivery]) -> int:
    """Insert pending deliveries, skipping any whose idempotency key is already in the outbox; returns how many."""
    if not deliveries:
        return 0
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    rows = [{"workspace_id": d.workspace_id, "kind": d.kind, "recipient_slack_id": d.recipient_slack_id,
             "due_at": d.due_at, "payload": d.payload, "idempotency_key": d.idempotency_key, "state": PENDING,
             "attempts": 0} for d in deliveries]
    q = insert(DeliveryRow).on_conflict_do_nothing(index_elements=["workspace_id", "idempotency_key"])
    return len(session.execute(q.returning(DeliveryRow.id), rows).all())


def mark_planned(session: Session, ws: str, reps: Iterable[str], day: date) -> None:
    """Remember that these reps' mornings of `day` are planned."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    rows = [{"workspace_id": ws, "rep_slack_id": r, "planned_on": day} for r in reps]
    if rows:
        q = insert(RepMorningRow).values(rows)
        session.execute(q.on_conflict_do_update(index_elements=["workspace_id", "rep_slack_id"],
                                                set_={"planned_on": q.excluded.planned_on}))
