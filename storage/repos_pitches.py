"""Repositories for value propositions, the pitch chosen per deal role, and who heard which point."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from datetime import datetime

from sqlalchemy import Select, and_, delete, func, or_, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from domain.pipeline import LOST, WON
from domain.pitches import Heard, Proposition, library_wording, point_key
from storage.repo_base import Repository
from storage.rows import AccountRow
from storage.rows_pipeline import ChainMemberRow, DealPitchRow, DealRow, PitchDeliveryRow, ValuePropositionRow


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
               channel: str, at: datetime, source_key: str, interaction_id: int | None = None,
               skip: Collection[tuple[int, str]] = ()) -> int:
        """Record that these people heard these (proposition, point)s on one occasion; the same occasion twice counts
        once, and a (person, point key) in `skip` — already heard on this occasion, recorded another way — not at all."""
        values = [dict(workspace_id=self.ws, contact_id=c, proposition_id=p, point=point, deal_id=deal_id,
                       interaction_id=interaction_id, channel=channel, delivered_at=at, source_key=source_key)
                  for c in dict.fromkeys(contact_ids) for p, point in dict.fromkeys(points)
                  if (c, point_key(point)) not in skip]
        if not values:
            return 0
        dialect = self.session.get_bind().dialect.name
        insert = pg_insert if dialect == "postgresql" else sqlite_insert
        stmt = insert(PitchDeliveryRow).values(values).on_conflict_do_nothing()
        return int(self.session.execute(stmt).rowcount or 0)  # type: ignore[attr-defined]

    def heard_between(self, contact_ids: Sequence[int], *, start: datetime, end: datetime,
                      from_logs: bool) -> set[tuple[int, str]]:
        """(person, point key) of what they heard from start to end: from logs, or (from_logs=False) marked on a
        pitch card. A log's delivery carries its interaction; a card's button has none."""
        t = PitchDeliveryRow
        kind = t.interaction_id.is_not(None) if from_logs else t.interaction_id.is_(None)
        q = select(t.contact_id, t.point).distinct().where(t.workspace_id == self.ws, t.contact_id.in_(contact_ids),
                                                           t.delivered_at >= start, t.delivered_at < end, kind)
        return {(contact_id, point_key(point)) for contact_id, point in self.session.execute(q)}

    def heard(self, contact_ids: Sequence[int]) -> dict[int, dict[str, Heard]]:
        """Per person, per point (by the key of its library wording today), how often they heard it, through which
        channels, and when last: a point reworded since ("两周上线" → "两周内上线") keeps who heard it."""
        t = PitchDeliveryRow
        q = (select(t.contact_id, t.proposition_id, t.point, t.channel, func.count(), func.max(t.delivered_at))
             .where(t.workspace_id == self.ws, t.contact_id.in_(contact_ids))
             .group_by(t.contact_id, t.proposition_id, t.point, t.channel))
        rows = self.session.execute(q).all()
        library = {p.id: p for p in PropositionsRepo(self.session, self.ws).all()} if rows else {}
        wording: dict[tuple[str, int | None], str] = {}
        heard: dict[int, dict[str, Heard]] = {}
        for contact_id, prop_id, point, channel, times, last in rows:
            if (point, prop_id) not in wording:
                wording[(point, prop_id)] = library_wording(point, prop_id, library)
            said = Heard(wording[(point, prop_id)], times, (channel,), last)
            mine = heard.setdefault(contact_id, {})
            mine[point_key(said.point)] = _together(mine.get(point_key(said.point)), said)
        return heard

    def on_deals(self, deal_ids: Sequence[int]) -> list[tuple[int, int, int | None, str]]:
        """(deal, contact, proposition, point) of every delivery made on these deals."""
        t = PitchDeliveryRow
        q = select(t.deal_id, t.contact_id, t.proposition_id, t.point).where(
            t.workspace_id == self.ws, t.deal_id.in_(deal_ids))
        return [(d or 0, c, p, point) for d, c, p, point in self.session.execute(q)]

    def closed_deals(self, limit: int) -> list[tuple[int, bool, str | None]]:
        """The latest closed deals as (id, won, the account's industry): all that what-wins reads of a deal."""
        q = (select(DealRow.id, DealRow.outcome, DealRow.stage, AccountRow.industry)
             .outerjoin(AccountRow, AccountRow.id == DealRow.account_id)
             .where(DealRow.id.in_(self._latest_closed(limit))).order_by(DealRow.id.desc()))
        return [(deal_id, (outcome or stage) in WON, industry)
                for deal_id, outcome, stage, industry in self.session.execute(q)]

    def heard_before_close(self, limit: int) -> list[tuple[int, str, int | None, str]]:
        """(deal, role, proposition, point) of what the people in the chains of the latest closed deals heard before
        each closed — from any log or card, the deal named or not — or on the deal itself, once per deal and role.

        A deal keeps no close time: its last change (updated_at) stands for it, which a close usually is; a
        delivery at that very moment (the log that reports the win) counts."""
        t, m, d = PitchDeliveryRow, ChainMemberRow, DealRow
        # Chain members found by deal id, deliveries by person: a filter on the workspace here would steer SQLite
        # to walking every delivery of the workspace for each deal (seconds, not a tenth of one).
        q = (select(m.deal_id, m.role, t.proposition_id, t.point).distinct()
             .select_from(m).join(d, d.id == m.deal_id)
             .join(t, and_(t.workspace_id == m.workspace_id, t.contact_id == m.contact_id))
             .where(m.deal_id.in_(self._latest_closed(limit)),
                    or_(t.deal_id == m.deal_id, t.delivered_at <= d.updated_at)))
        # Tens of thousands of rows: the connection's plain rows cost half what the ORM session's do.
        return [(deal_id, role, prop, point) for deal_id, role, prop, point in self.session.connection().execute(q)]

    def _latest_closed(self, limit: int) -> Select[int]:
        """The ids of the latest closed deals: won or lost, or in a closed stage with no outcome said (as the
        pipeline reads it)."""
        no_outcome = or_(DealRow.outcome.is_(None), DealRow.outcome == "")
        closed = or_(DealRow.outcome.in_(WON + LOST), and_(no_outcome, DealRow.stage.in_(WON + LOST)))
        return (select(DealRow.id).where(DealRow.workspace_id == self.ws, closed)
                .order_by(DealRow.id.desc()).limit(limit))


def _together(before: Heard | None, more: Heard) -> Heard:
    """Two records of one point heard (said in two wordings, or through two channels) as one."""
    if before is None:
        return more
    return Heard(more.point, before.times + more.times, tuple(sorted({*before.channels, *more.channels})),
                 max(before.last, more.last))
