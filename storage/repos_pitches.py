"""Repositories for value propositions, the pitch chosen per deal role, and who heard which point."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from domain.pitches import Heard, Proposition, point_key
from storage.repo_base import Repository
from storage.rows import AccountRow
from storage.rows_pipeline import DealPitchRow, DealRow, PitchDeliveryRow, ValuePropositionRow


def _proposition(r: ValuePropositionRow) -> Proposition:
    return Proposition(r.id, r.title, tuple(r.points or ()), tuple(r.industries or ()), tuple(r.products or ()),
                       tuple(r.roles or ()), tuple(r.tags or ()), bool(r.archived))


class PropositionsRepo(Repository):
    """The workspace's library of value propositions."""

    def add(self, prop: Proposition, *, by: str | None, now: datetime, locale: str | None = None) -> Proposition:
        """Keep a new proposition in the library."""
        row = ValuePropositionRow(workspace_id=self.ws, created_by=by, created_at=now, locale=locale)
        self._fill(row, prop)
        self.session.add(row)
        self.session.flush()
        return _proposition(row)

    def update(self, prop: Proposition, *, by: str | None, now: datetime) -> Proposition | None:
        """Save a proposition's new wording and tags; None when it is not in this workspace."""
        row = self._row(prop.id)
        if row is None:
            return None
        self._fill(row, prop)
        row.updated_by, row.updated_at = by, now
        self.session.flush()
        return _proposition(row)

    def get(self, prop_id: int) -> Proposition | None:
        """One proposition of the workspace."""
        row = self._row(prop_id)
        return None if row is None else _proposition(row)

    def all(self, *, archived: bool = False) -> list[Proposition]:
        """The library, oldest first (archived ones only when asked)."""
        q = select(ValuePropositionRow).where(ValuePropositionRow.workspace_id == self.ws)
        if not archived:
            q = q.where(ValuePropositionRow.archived.is_(False))
        return [_proposition(r) for r in self.session.scalars(q.order_by(ValuePropositionRow.id))]

    def _row(self, prop_id: int) -> ValuePropositionRow | None:
        q = select(ValuePropositionRow).where(ValuePropositionRow.workspace_id == self.ws,
                                              ValuePropositionRow.id == prop_id)
        return self.session.scalars(q).first()

    @staticmethod
    def _fill(row: ValuePropositionRow, prop: Proposition) -> None:
        row.title, row.points, row.tags = prop.title, list(prop.points), list(prop.tags)
        row.industries, row.products, row.roles = list(prop.industries), list(prop.products), list(prop.roles)
        row.archived = prop.archived


class DealPitchesRepo(Repository):
    """Which proposition each chain role of a deal hears."""

    def choose(self, deal_id: int, role: str, prop_id: int | None, *, by: str | None, now: datetime) -> None:
        """Set (or clear, with None) the proposition for one role of the deal."""
        self.session.execute(delete(DealPitchRow).where(DealPitchRow.workspace_id == self.ws,
                                                        DealPitchRow.deal_id == deal_id, DealPitchRow.role == role))
        if prop_id is not None:
            self.session.add(DealPitchRow(workspace_id=self.ws, deal_id=deal_id, role=role, proposition_id=prop_id,
                                          chosen_by=by, chosen_at=now))
        self.session.flush()

    def of_deal(self, deal_id: int) -> dict[str, int]:
        """The chosen proposition id by chain role."""
        q = select(DealPitchRow.role, DealPitchRow.proposition_id).where(DealPitchRow.workspace_id == self.ws,
                                                                         DealPitchRow.deal_id == deal_id)
        return {role: prop for role, prop in self.session.execute(q)}

    def of_deals(self, deal_ids: Sequence[int]) -> dict[int, dict[str, int]]:
        """The chosen propositions of many deals, by deal and role."""
        q = select(DealPitchRow.deal_id, DealPitchRow.role, DealPitchRow.proposition_id).where(
            DealPitchRow.workspace_id == self.ws, DealPitchRow.deal_id.in_(deal_ids))
        chosen: dict[int, dict[str, int]] = {}
        for deal_id, role, prop in self.session.execute(q):
            chosen.setdefault(deal_id, {})[role] = prop
        return chosen


class PitchDeliveriesRepo(Repository):
    """Which points each person has heard, when, and through which channel."""

    def record(self, *, contact_ids: Iterable[int], points: Iterable[tuple[int | None, str]], deal_id: int | None,
               channel: str, at: datetime, source_key: str, interaction_id: int | None = None) -> int:
        """Record that these people heard these (proposition, point)s on one occasion; the same occasion twice counts once."""
        values = [dict(workspace_id=self.ws, contact_id=c, proposition_id=p, point=point, deal_id=deal_id,
                       interaction_id=interaction_id, channel=channel, delivered_at=at, source_key=source_key)
                  for c in dict.fromkeys(contact_ids) for p, point in dict.fromkeys(points)]
        if not values:
            return 0
        dialect = self.session.get_bind().dialect.name
        insert = pg_insert if dialect == "postgresql" else sqlite_insert
        stmt = insert(PitchDeliveryRow).values(values).on_conflict_do_nothing()
        return int(self.session.execute(stmt).rowcount or 0)  # type: ignore[attr-defined]

    def heard(self, contact_ids: Sequence[int]) -> dict[int, dict[str, Heard]]:
        """Per person, per point (by its key), how often they heard it, through which channels, and when last."""
        t = PitchDeliveryRow
        q = (select(t.contact_id, t.point, func.count(), func.max(t.delivered_at))
             .where(t.workspace_id == self.ws, t.contact_id.in_(contact_ids))
             .group_by(t.contact_id, t.point))
        channels = self._channels(contact_ids)
        heard: dict[int, dict[str, Heard]] = {}
        for contact_id, point, times, last in self.session.execute(q):
            key = point_key(point)
            before = heard.setdefault(contact_id, {}).get(key)
            total = times + (before.times if before else 0)
            latest = max(last, before.last) if before else last
            said = set(channels.get((contact_id, point), ())) | set(before.channels if before else ())
            heard[contact_id][key] = Heard(point, total, tuple(sorted(said)), latest)
        return heard

    def _channels(self, contact_ids: Sequence[int]) -> dict[tuple[int, str], set[str]]:
        t = PitchDeliveryRow
        q = select(t.contact_id, t.point, t.channel).distinct().where(t.workspace_id == self.ws,
                                                                      t.contact_id.in_(contact_ids))
        found: dict[tuple[int, str], set[str]] = {}
        for contact_id, point, channel in self.session.execute(q):
            found.setdefault((contact_id, point), set()).add(channel)
        return found

    def on_deals(self, deal_ids: Sequence[int]) -> list[tuple[int, int, int | None, str]]:
        """(deal, contact, proposition, point) of every delivery made on these deals."""
        t = PitchDeliveryRow
        q = select(t.deal_id, t.contact_id, t.proposition_id, t.point).where(
            t.workspace_id == self.ws, t.deal_id.in_(deal_ids))
        return [(d or 0, c, p, point) for d, c, p, point in self.session.execute(q)]

    def closed_deals(self, limit: int) -> list[tuple[int, bool, str | None]]:
        """The latest closed deals as (id, won, the account's industry): all that what-wins reads of a deal."""
        q = (select(DealRow.id, DealRow.outcome, AccountRow.industry)
             .outerjoin(AccountRow, AccountRow.id == DealRow.account_id)
             .where(DealRow.workspace_id == self.ws, DealRow.outcome.in_(("won", "lost")))
             .order_by(DealRow.id.desc()).limit(limit))
        return [(deal_id, outcome == "won", industry) for deal_id, outcome, industry in self.session.execute(q)]
