"""What wins: which propositions and points were delivered on deals that closed, and how those deals ended.

The record is the team's, read over the workspace's latest closed deals whoever owned them: counts,
not deals, are shown, so nobody sees a deal they could not open. A delivery counts for every closed deal
whose chain held its listener and that it came before (or that it was recorded on), in the role they held
there and the industry of the deal's account; someone outside the chain does not count.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.pitch_library import in_industry, role_named
from domain.pitch_wins import Used, WinRate, base_rate, win_rates
from domain.pitches import Proposition, library_wording
from storage.uow import UnitOfWork

CLOSED_DEALS = 5000  # the latest closed deals read: years of a team's history, in two queries
BEST = 5


@dataclass(frozen=True)
class Record:
    """The closed deals a library's pitches were delivered on: one line per delivery, and the team's win rate."""

    used: tuple[Used, ...]
    base: float
    closed: int


@dataclass(frozen=True)
class BestPitch:
    """A proposition of the library with its record."""

    proposition: Proposition
    record: WinRate


@dataclass(frozen=True)
class Best:
    """The best propositions and points, in one industry or role or overall, and the team's win rate they beat."""

    propositions: tuple[BestPitch, ...]
    points: tuple[WinRate, ...]
    base: float
    closed: int
    role: str | None = None
    industry: str | None = None


def read_record(uow: UnitOfWork, library: list[Proposition]) -> Record:
    """Inside an open unit of work: what each person in a closed deal's chain heard before it closed (a log need
    not name the deal), with the deal's outcome, the person's role and the account's industry."""
    history = uow.pitch_deliveries.closed_deals(CLOSED_DEALS)  # ids, outcomes and industries: not whole deals
    won = {deal: is_won for deal, is_won, _ in history}
    industry = {deal: ind for deal, _, ind in history}
    by_id = {p.id: p for p in library}
    wording: dict[tuple[str, int | None], str] = {}  # a team says a few points thousands of times: match each once
    used = []
    for deal, role, prop, point in uow.pitch_deliveries.heard_before_close(CLOSED_DEALS):
        if deal in won:
            if (point, prop) not in wording:  # worded as the reminders word it, so a reworded point keeps its record
                wording[(point, prop)] = library_wording(point, prop, by_id)
            used.append(Used(deal, won[deal], prop, wording[(point, prop)], role, industry[deal]))
    return Record(tuple(used), base_rate(won.values()), len(won))


def proposition_records(uow: UnitOfWork, library: list[Proposition]) -> dict[int, WinRate]:
    """Inside an open unit of work: each proposition's record over closed deals, by its id."""
    record = read_record(uow, library)
    return {int(r.key): r for r in win_rates(record.used, base=record.base)}


def best_pitches(*, uow: UnitOfWork, among: str = "") -> Best:
    """The propositions and points that won most, smoothed; `among` is a role (CFO, 技术) or an industry (银行)."""
    with uow:
        library = uow.propositions.all()
        record = read_record(uow, library)
    role = role_named(among) if among.strip() else None
    industry = among.strip() if among.strip() and role is None else None
    used = [u for u in record.used if industry is None or in_industry(industry, u.industry)]
    by_id = {p.id: p for p in library}
    props = tuple(BestPitch(by_id[int(r.key)], r) for r in win_rates(used, base=record.base, role=role)
                  if int(r.key) in by_id)
    points = tuple(win_rates(used, base=record.base, by="point", role=role))
    return Best(props[:BEST], points[:BEST], record.base, record.closed, role, industry)
