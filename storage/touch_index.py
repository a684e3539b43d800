"""Each contact's last touch and next due touch, kept in their row so the worker finds due touches by index.

Every unit of work that adds an interaction, moves its date or changes a contact's importance,
stage, rhythm or owner flushes through the ORM; a listener on the session recomputes those
contacts' two dates in the same transaction, so no use case can forget to. Rows written with
plain SQL (bulk imports, restores, benches) leave `next_touch_on` empty, and
`refresh_missing` fills them before the worker plans. Managers (a user's manager, or a user
whose role is manager) are registered as reps as users are written, so the planner gives them a
morning even when they own no contacts.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import Connection, bindparam, event, func, inspect, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, sessionmaker

from domain.touch_plan import CadenceTable, TouchPlan, cadence_for, load_cadence_table, next_touch_due
from storage.rows import AccountRow, ContactRow, InteractionContactRow, InteractionRow, UserRow
from storage.rows_pipeline import RepMorningRow

PLAN_FIELDS = ("importance", "trust_stage", "cadence_days", "owner_slack_id", "created_at")
CHUNK = 500


def install(sessions: sessionmaker[Session]) -> None:
    """Keep touch dates current on every flush of sessions made by `sessions`."""
    event.listen(sessions, "after_flush", _after_flush)


def _after_flush(session: Session, _context: Any) -> None:
    contacts = _affected(session)
    if contacts:
        refresh(session.connection(), contacts)
    owners = [(a.workspace_id, a.owner_slack_id) for a in (*session.new, *session.dirty)
              if isinstance(a, AccountRow) and a.owner_slack_id and _changed(session, a, ("owner_slack_id",))]
    register_reps(session.connection(), owners)  # an account's owner is the rep of its contacts without one
    register_reps(session.connection(), _managers(session))


def _managers(session: Session) -> list[tuple[str, str]]:
    """Managers among users written in this flush, who may own no contacts yet get a Monday digest."""
    users = [u for u in (*session.new, *session.dirty) if isinstance(u, UserRow)]
    return ([(u.workspace_id, u.manager_slack_id) for u in users if u.manager_slack_id]
            + [(u.workspace_id, u.slack_user_id) for u in users if u.role == "manager"])


def _affected(session: Session) -> set[int]:
    """The contacts whose touch plan this flush may have moved."""
    ids: set[int] = set()
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, InteractionContactRow):
            ids.add(obj.contact_id)
        elif _plan_moved(session, obj):
            ids.add(obj.id)
    moved = [obj.id for obj in session.dirty if isinstance(obj, InteractionRow) and _changed(session, obj, ("occurred_on",))]
    if moved:
        q = select(InteractionContactRow.contact_id).where(InteractionContactRow.interaction_id.in_(moved))
        ids.update(session.connection().scalars(q))
    return ids


def _plan_moved(session: Session, obj: object) -> bool:
    """A contact added, or one whose importance, stage, rhythm or owner changed."""
    if not isinstance(obj, ContactRow) or obj in session.deleted or obj.id is None:
        return False
    return obj in session.new or _changed(session, obj)


def _changed(session: Session, obj: object, fields: Iterable[str] = PLAN_FIELDS) -> bool:
    state = inspect(obj)
    return any(state.attrs[f].history.has_changes() for f in fields)


def refresh(conn: Connection, contact_ids: Iterable[int], table: CadenceTable | None = None) -> int:
    """Recompute last and next touch for these contacts from their interactions, and register their reps."""
    ids, table, done = sorted(set(contact_ids)), table or load_cadence_table(), 0
    for start in range(0, len(ids), CHUNK):
        _register_reps(conn, ids[start:start + CHUNK])
        rows = conn.execute(_plan_inputs(ids[start:start + CHUNK])).all()
        values = [{"cid": r.id, "last": r.last, "next": _next_due(r, table)} for r in rows]
        if values:
            conn.execute(update(ContactRow).where(ContactRow.id == bindparam("cid"))
                         .values(last_touch_on=bindparam("last"), next_touch_on=bindparam("next")), values)
        done += len(values)
    return done


def refresh_missing(conn: Connection, *, limit: int = 50_000) -> int:
    """Fill touch dates for contacts written without them (plain-SQL imports); returns how many."""
    q: Any = select(ContactRow.id).where(ContactRow.next_touch_on.is_(None)).limit(limit)
    if conn.dialect.name == "sqlite":  # without statistics SQLite scans a wider index than the partial one
        q = text("SELECT id FROM contacts INDEXED BY ix_contacts_untimed WHERE next_touch_on IS NULL LIMIT :n"
                 ).bindparams(n=limit)
    ids = list(conn.scalars(q))
    return refresh(conn, ids) if ids else 0


def _register_reps(conn: Connection, ids: list[int]) -> None:
    """Each contact's rep (their owner, else their account's) gets a row in rep_mornings if new."""
    rep = func.coalesce(ContactRow.owner_slack_id, AccountRow.owner_slack_id)
    q = (select(ContactRow.workspace_id, rep).outerjoin(AccountRow, AccountRow.id == ContactRow.account_id)
         .where(ContactRow.id.in_(ids), rep.is_not(None)).distinct())
    register_reps(conn, [(ws, r) for ws, r in conn.execute(q)])


def register_reps(conn: Connection, reps: Iterable[tuple[str, str]]) -> None:
    """Add reps (workspace, Slack id) to rep_mornings, leaving known ones as they are."""
    rows = [{"workspace_id": ws, "rep_slack_id": r} for ws, r in set(reps)]
    if rows:
        insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
        conn.execute(insert(RepMorningRow).on_conflict_do_nothing(index_elements=["workspace_id", "rep_slack_id"]), rows)


def _plan_inputs(ids: list[int]) -> Any:
    last = (select(InteractionContactRow.contact_id.label("cid"), func.max(InteractionRow.occurred_on).label("last"))
            .join(InteractionRow, InteractionRow.id == InteractionContactRow.interaction_id)
            .where(InteractionContactRow.contact_id.in_(ids)).group_by(InteractionContactRow.contact_id).subquery())
    return (select(ContactRow.id, ContactRow.importance, ContactRow.trust_stage, ContactRow.cadence_days,
                   ContactRow.created_at, last.c.last)
            .outerjoin(last, last.c.cid == ContactRow.id).where(ContactRow.id.in_(ids)))


def _next_due(row: Any, table: CadenceTable) -> date:
    """A contact never touched is due one rhythm after they were first recorded."""
    days = cadence_for(row.importance, row.trust_stage, table)
    plan = TouchPlan(row.id, row.importance, row.trust_stage, days, last_touch=row.last,
                     started_on=row.created_at.date(), override_days=row.cadence_days or None)
    due = next_touch_due(plan, row.created_at.date())
    assert due is not None  # do-not-contact is filtered where touches are planned, not here
    return due
