"""What scoring reads of many open deals at once: the deals, their control points' states and their chains' roles.

`/rapport focus team` scores a manager's thousands of open deals on every call. The deals are
scoped in SQL (the owners' deals in play), not by a list of thousands of ids, and read as plain
rows of the columns the model and the ranking read, without the ORM's work per row: the deals a
list per column, points and chain members as tuples of plain values, which the garbage collector
stops walking after its first look.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Executable, Select, func, select

from domain.scoring.batch import OpenDeals
from storage.repo_base import Repository
from storage.repos_deals import DealsOf, owned
from storage.rows import AccountRow
from storage.rows_pipeline import ChainMemberRow, ControlPointRow, DealRow

# Rows fetched at a time. A row alive when the collector runs young objects (every 700 allocations) is moved
# to an older generation, and enough of those make the next full walk of the process (≈ 80 ms) come sooner:
# with a thousand at a time one call in five paid for one, with two hundred about one in sixty.
PARTITION = 200


class OpenDealsRepo(Repository):
    """Open deals of some owners, with what the win-probability model reads of each."""

    def of_owners(self, owners: frozenset[str]) -> OpenDeals:
        """These owners' open deals (no outcome, not in a closed stage), oldest first: what scoring reads."""
        t = DealRow.__table__.c
        criteria = func.coalesce(func.json_array_length(t.evaluation_criteria), 0) > 0
        q = (select(t.id, t.account_id, t.amount, t.currency, t.close_on, t.award_method, t.award_rule, criteria,
                    t.custom).where(*self._open(t, owners)).order_by(t.id))
        ids, accounts, amounts, currencies, closes, methods, rules, criteria_known, customs = self._columns(q, 9)
        return OpenDeals(ids, accounts, [None if a is None else float(a) for a in amounts], currencies, closes, methods,
                         rules, [bool(k) for k in criteria_known], [c or {} for c in customs])

    def point_states_of(self, owners: frozenset[str]) -> list[tuple[int, str, str]]:
        """(deal, key, state) of those deals' assessed control points: all scoring reads of them."""
        p = ControlPointRow
        q = select(p.deal_id, p.key, p.state).where(p.workspace_id == self.ws, p.deal_id.in_(self._ids(owners)))
        return list(zip(*self._columns(q, 3), strict=True))

    def roles_of(self, owners: frozenset[str]) -> list[tuple[int, str, str]]:
        """(deal, role, stance) of those deals' chain members, each deal's in the order they were added."""
        m = ChainMemberRow
        q = (select(m.deal_id, m.role, m.stance).where(m.workspace_id == self.ws, m.deal_id.in_(self._ids(owners)))
             .order_by(m.id))
        return list(zip(*self._columns(q, 3), strict=True))

    def accounts(self) -> dict[int, tuple[str, str | None]]:
        """Every account's name and industry, by id: what the ranking shows and the model reads of them."""
        a = AccountRow.__table__.c
        ids, names, industries = self._columns(select(a.id, a.name, a.industry).where(a.workspace_id == self.ws), 3)
        return dict(zip(ids, zip(names, industries, strict=True), strict=True))

    def _columns(self, q: Executable, width: int) -> list[list[Any]]:
        """The rows of a bulk read as a list per column, without the ORM's bookkeeping (its pending changes are
        flushed first, as it would) and a few hundred rows alive at a time."""
        columns: list[list[Any]] = [[] for _ in range(width)]
        self.session.flush()
        for rows in self.session.connection().execute(q).partitions(PARTITION):
            for column, values in zip(columns, zip(*rows, strict=True), strict=True):
                column.extend(values)
        return columns

    def _ids(self, owners: frozenset[str]) -> Select[Any]:
        return select(DealRow.id).where(*self._open(DealRow.__table__.c, owners))

    def _open(self, t: Any, owners: frozenset[str]) -> tuple[ColumnElement[bool], ...]:
        """The owners' deals still in play, and those shared with them, as the pipeline scopes them."""
        return owned(t, self.ws, DealsOf(owners))
