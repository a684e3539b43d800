"""Which state of a workspace's deal history a fitted win-probability model learnt from: a stamp renewed on change.

The model learns from the closed deals (every field, custom attributes, the account's industry) and
from the control points and decision chains of those deals. A listener on the session notes every
flush that may change one of them and, as the transaction commits, writes a new random stamp for
the workspace in that same transaction. A model cached under the stamp read before its history
was read is therefore never older than what a later reader of the same stamp sees.

What renews the stamp: a deal that is closed, was closed, or is deleted; a control point or chain
member of a deal that is closed (its deal row is share-locked on PostgreSQL while checked, so a
concurrent close waits and renews the stamp after this change); an account whose industry changes
or that is deleted; a contact that is deleted (its chain places go with it). The stamp is random,
not a counter, so two stores in one process (tests, a restored copy that then changes) never
share one. Rows written with plain SQL (benches) must call `renew` themselves; a workspace
without a stamp is simply never cached.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, String, UniqueConstraint, event, inspect, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, Session, SessionTransaction, mapped_column, sessionmaker

from storage.base import Base, WorkspaceScoped
from storage.repo_base import Repository
from storage.rows import AccountRow, ContactRow
from storage.rows_pipeline import ChainMemberRow, ControlPointRow, DealRow

CLOSED = ("won", "lost")
PENDING = "rapport_scoring_workspaces"  # session.info key: workspaces whose stamp this transaction renews


class ScoringGenerationRow(WorkspaceScoped, Base):
    """The stamp of the workspace's scoring history, renewed by every change the model could learn from."""

    __tablename__ = "scoring_generations"
    __table_args__ = (UniqueConstraint("workspace_id"),)

    stamp: Mapped[str] = mapped_column(String(32))


class ScoringGenerationRepo(Repository):
    """The workspace's current scoring stamp."""

    def current(self) -> str | None:
        """The stamp of the history as this transaction sees it; None before any deal was written, or when this
        transaction has changed the history itself (what it sees is not yet anyone's, and may be rolled back)."""
        q = select(ScoringGenerationRow.stamp).where(ScoringGenerationRow.workspace_id == self.ws)
        stamp = self.session.scalars(q).first()  # autoflushes this transaction's own changes first
        return None if self.ws in self.session.info.get(PENDING, ()) else stamp


def install(sessions: sessionmaker[Session]) -> None:
    """Renew the stamp in every transaction of `sessions` that changes what scoring learns from."""
    event.listen(sessions, "after_flush", _after_flush)
    event.listen(sessions, "before_commit", _before_commit)
    event.listen(sessions, "after_transaction_end", _after_transaction_end)


def renew(conn: Connection, workspaces: Iterable[str]) -> None:
    """Give each workspace a fresh stamp (inserted the first time)."""
    rows = [{"workspace_id": ws, "stamp": uuid.uuid4().hex} for ws in sorted(set(workspaces))]
    if rows:
        insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
        q = insert(ScoringGenerationRow)
        conn.execute(q.on_conflict_do_update(index_elements=["workspace_id"], set_={"stamp": q.excluded.stamp}),
                     rows)


def _after_flush(session: Session, _context: Any) -> None:
    touched = _touched(session)
    if touched:
        session.info.setdefault(PENDING, set()).update(touched)


def _before_commit(session: Session) -> None:
    # Commit flushes after this hook: flush first so the last changes are seen, and take the stamp's
    # row lock last, when the transaction waits on nothing else (no deadlock with deal-row locks);
    # a savepoint's release is not the end, so it leaves the stamp to the outer commit.
    if session.in_nested_transaction():
        return
    session.flush()
    pending = session.info.pop(PENDING, None)
    if pending:
        renew(session.connection(), pending)


def _after_transaction_end(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:  # a rolled-back savepoint may still leave its flushed changes in
        session.info.pop(PENDING, None)


def _touched(session: Session) -> set[str]:
    """The workspaces whose scoring history this flush may have changed."""
    touched: set[str] = set()
    deal_ids: set[int] = set()
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, ControlPointRow | ChainMemberRow):
            deal_ids.update(_values(obj, "deal_id"))
        elif _changes_history(session, obj):
            touched.add(obj.workspace_id)
    return touched | _closed_deals_workspaces(session.connection(), deal_ids)


def _changes_history(session: Session, obj: object) -> bool:
    """A closed (or reopened, or deleted) deal, a deleted account or contact, an account's new industry."""
    deleted = obj in session.deleted
    if isinstance(obj, DealRow):
        return deleted or any(v in CLOSED for v in _values(obj, "outcome"))
    if isinstance(obj, ContactRow):
        return deleted
    if isinstance(obj, AccountRow):
        return deleted or (obj not in session.new and inspect(obj).attrs.industry.history.has_changes())
    return False


def _values(obj: object, attribute: str) -> set[Any]:
    """The attribute's value now and the one it replaces in this flush."""
    history = inspect(obj).attrs[attribute].history
    return {*history.added, *history.unchanged, *history.deleted}


def _closed_deals_workspaces(conn: Connection, deal_ids: set[int]) -> set[str]:
    """The workspaces of those deals that are closed, every deal row share-locked until commit (PostgreSQL)."""
    if not deal_ids:
        return set()
    q = (select(DealRow.workspace_id, DealRow.outcome).where(DealRow.id.in_(sorted(deal_ids)))
         .with_for_update(read=True))
    return {ws for ws, outcome in conn.execute(q) if outcome in CLOSED}
