"""What the worker's planner reads and writes: reps and their zones, due touches, occasions, new deliveries.

One worker serves every workspace, so `rep_zones` reads across workspaces; every other query takes
the workspace it plans and filters by it, and what it returns carries that workspace.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import ColumnElement, Table, and_, bindparam, or_, select, update
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Session

from domain.occasions import DayKeys
from domain.outbox import PENDING, Delivery
from storage.rows import AccountRow, ContactRow, UserRow
from storage.rows_pipeline import DeliveryRow, OccasionRow, RepMorningRow

# Plain tables for the bulk writes: a morning writes thousands of rows, and the ORM's per-row work would double it.
DELIVERIES = cast(Table, DeliveryRow.__table__)
MORNINGS = cast(Table, RepMorningRow.__table__)


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


def rep_zones(session: Session) -> list[RepZone]:
    """Every rep with contacts, in every workspace, with their zone and last planned morning."""
    q = (select(RepMorningRow.workspace_id, RepMorningRow.rep_slack_id, UserRow.tz, UserRow.locale,
                RepMorningRow.planned_on)
         .outerjoin(UserRow, and_(UserRow.workspace_id == RepMorningRow.workspace_id,
                                  UserRow.slack_user_id == RepMorningRow.rep_slack_id)))
    return [RepZone(*row) for row in session.execute(q)]


def managers(session: Session, ws: str, candidates: Sequence[str]) -> list[str]:
    """Those of `candidates` who manage: their role is manager, or someone names them as their manager."""
    if not candidates:
        return []
    by_role = select(UserRow.slack_user_id).where(UserRow.workspace_id == ws, UserRow.role == "manager",
                                                  UserRow.slack_user_id.in_(candidates))
    named = select(UserRow.manager_slack_id).where(UserRow.workspace_id == ws, UserRow.manager_slack_id.in_(candidates))
    found = set(session.scalars(by_role)) | set(session.scalars(named))
    return [c for c in candidates if c in found]


def _people(session: Session, ws: str, reps: Sequence[str], *where: ColumnElement[bool],
            extra: Sequence[Any] = ()) -> list[Any]:
    """Contacts of these reps we may contact matching `where`: (id, rep, locale, *extra) each.

    Nudges go to the contact's owner, else to the owner of the contact's account. Owned contacts
    are read by index alone; the few without an owner are joined to their account separately,
    since a join on every row would double the cost of the common case."""
    wanted, cols = set(reps), (ContactRow.id, ContactRow.locale, *extra)
    base = (ContactRow.workspace_id == ws, ContactRow.do_not_contact.is_(False), *where)
    conn = session.connection()  # plain rows: thousands of them on a festival morning, no ORM work needed
    owned = conn.execute(select(ContactRow.owner_slack_id, *cols).where(*base, ContactRow.owner_slack_id.is_not(None)))
    orphans = conn.execute(select(AccountRow.owner_slack_id, *cols).join(AccountRow, AccountRow.id == ContactRow.account_id)
                              .where(*base, ContactRow.owner_slack_id.is_(None)))
    return [(r[1], r[0], *r[2:]) for rows in (owned, orphans) for r in rows if r[0] in wanted]


def due_touches(session: Session, ws: str, reps: Sequence[str], *, after: date, through: date) -> list[DueRow]:
    """Touches of these reps' contacts falling due after `after` up to `through` (by index on the due day)."""
    rows = _people(session, ws, reps, ContactRow.next_touch_on > after, ContactRow.next_touch_on <= through,
                   extra=(ContactRow.next_touch_on, ContactRow.cadence_days))
    return [DueRow(cid, rep, "touch", due, locale, cadence_days=days) for cid, rep, locale, due, days in rows]


def birthdays(session: Session, ws: str, reps: Sequence[str], days: Sequence[DayKeys],
              changed_since: datetime | None = None) -> list[DueRow]:
    """Birthdays of these reps' contacts on any of `days`, solar or lunar as each contact keeps it (one indexed query).

    With `changed_since`, only contacts whose profile changed since that instant."""
    on_day = {(lunar, spelling): keys.day for keys in days for lunar in (False, True)
              for spelling in keys.spellings(lunar)}
    rows = _people(session, ws, reps, ContactRow.birthday.in_(sorted({spelling for _, spelling in on_day})),
                   *_changed(changed_since), extra=(ContactRow.birthday_lunar, ContactRow.birthday))
    return [DueRow(cid, rep, "birthday", on_day[(lunar, text)], locale)
            for cid, rep, locale, lunar, text in rows if (lunar, text) in on_day]


def custom_dates(session: Session, ws: str, reps: Sequence[str], days: Sequence[DayKeys]) -> list[tuple[DueRow, int | None]]:
    """Anniversaries, promotions and custom dates on any of `days`, with the year each was recorded for."""
    on_day = {(lunar, m, d): keys.day for keys in days for lunar, pairs in ((False, keys.solar), (True, keys.lunar))
              for m, d in pairs}
    match = or_(*(and_(OccasionRow.lunar.is_(lunar), OccasionRow.month == m, OccasionRow.day == d)
                  for lunar, m, d in on_day))
    # Occasions are few and contacts many: find the occasions first, then only their contacts.
    found = session.execute(select(OccasionRow.contact_id, OccasionRow.kind, OccasionRow.label, OccasionRow.year,
                                   OccasionRow.lunar, OccasionRow.month, OccasionRow.day)
                            .where(OccasionRow.workspace_id == ws, match)).all()
    if not found:
        return []
    people = {cid: (rep, locale) for cid, rep, locale in
              _people(session, ws, reps, ContactRow.id.in_({o.contact_id for o in found}))}
    return [(DueRow(o.contact_id, people[o.contact_id][0], o.kind, on_day[(o.lunar, o.month, o.day)],
                    people[o.contact_id][1], o.label), o.year) for o in found if o.contact_id in people]


def everyone(session: Session, ws: str, reps: Sequence[str], *, min_importance: int = 1,
             changed_since: datetime | None = None, slots: tuple[int, Sequence[int]] | None = None) -> list[DueRow]:
    """Contacts of these reps we may greet on a festival (the caller picks by locale); with `slots`
    (modulus, slots) only those whose id modulo the modulus is one of the slots."""
    where = [ContactRow.importance >= min_importance, *_changed(changed_since)]
    if slots is not None and len(set(slots[1])) < slots[0]:
        where.append((ContactRow.id % slots[0]).in_(sorted(set(slots[1]))))
    return [DueRow(cid, rep, "festival", date.min, locale) for cid, rep, locale in _people(session, ws, reps, *where)]


def _changed(since: datetime | None) -> tuple[ColumnElement[bool], ...]:
    return () if since is None else (ContactRow.updated_at >= since,)


INSERT_COLUMNS = ("workspace_id", "kind", "recipient_slack_id", "due_at", "payload", "idempotency_key", "state",
                  "attempts")


def enqueue_many(session: Session, deliveries: Sequence[Delivery]) -> int:
    """Insert pending deliveries, skipping any whose idempotency key is already in the outbox; returns how many.

    A morning writes thousands of rows at once: on SQLite they go to the driver's executemany with
    the columns' own bind processing, skipping SQLAlchemy's per-row statement work (it tripled the cost)."""
    if not deliveries:
        return 0
    conn = session.connection()
    if conn.dialect.name != "sqlite":  # psycopg batches well on its own and adapts JSON itself
        q = postgresql.insert(DELIVERIES).on_conflict_do_nothing(index_elements=["workspace_id", "idempotency_key"])
        return len(conn.execute(q.returning(DELIVERIES.c.id), [_values(d) for d in deliveries]).all())
    sql = (f"INSERT INTO deliveries ({', '.join(INSERT_COLUMNS)}) VALUES ({', '.join(['?'] * len(INSERT_COLUMNS))}) "
           "ON CONFLICT (workspace_id, idempotency_key) DO NOTHING")
    when, payload = (DELIVERIES.c[name].type.bind_processor(conn.dialect) for name in ("due_at", "payload"))
    assert when is not None and payload is not None  # UTCDateTime and JSON always convert on SQLite
    instants = {d.due_at: when(d.due_at) for d in deliveries}  # a morning has one instant per zone
    rows = [(d.workspace_id, d.kind, d.recipient_slack_id, instants[d.due_at], payload(d.payload), d.idempotency_key,
             PENDING, 0) for d in deliveries]
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    cursor.executemany(sql, rows)
    return int(cursor.rowcount)


def _values(d: Delivery) -> dict[str, Any]:
    return {"workspace_id": d.workspace_id, "kind": d.kind, "recipient_slack_id": d.recipient_slack_id,
            "due_at": d.due_at, "payload": d.payload, "idempotency_key": d.idempotency_key, "state": PENDING,
            "attempts": 0}


def mark_planned(session: Session, ws: str, reps: Iterable[str], day: date) -> None:
    """Remember that these reps' mornings of `day` are planned."""
    q = (update(MORNINGS).where(MORNINGS.c.workspace_id == ws, MORNINGS.c.rep_slack_id == bindparam("rep"))
         .values(planned_on=day))
    session.connection().execute(q, [{"rep": r} for r in reps])
