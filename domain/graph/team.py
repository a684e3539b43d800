"""Who in our own team knows a customer contact best: closeness first, then recent touches."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from domain.entities import Interaction

RECENT_DAYS = 90


@dataclass(frozen=True)
class TeamTie:
    """One of our reps and how well they know the person: closeness, recent touches, last touch."""

    rep_slack_id: str
    closeness: int  # 0 when the rep has no recorded closeness
    recent_touches: int
    last_touch: date | None


def who_knows_best(target: int, rep_ties: Mapping[str, Mapping[int, int]],
                   interactions_by_rep: Mapping[str, Sequence[Interaction]], *, today: date | None = None,
                   window_days: int = RECENT_DAYS) -> list[TeamTie]:
    """Our reps who know this person, best first (all touches count as recent when no date is given)."""
    reps = sorted({r for r, ties in rep_ties.items() if target in ties}
                  | {r for r, its in interactions_by_rep.items() if any(target in i.contact_ids for i in its)})
    since = today - timedelta(days=window_days) if today else date.min
    ties = [_tie(rep, target, rep_ties.get(rep, {}), interactions_by_rep.get(rep, ()), since) for rep in reps]
    return sorted(ties, key=lambda t: (-t.closeness, -t.recent_touches,
                                       -(t.last_touch or date.min).toordinal(), t.rep_slack_id))


def _tie(rep: str, target: int, closeness: Mapping[int, int], touches: Sequence[Interaction],
         since: date) -> TeamTie:
    """How well one rep knows the person."""
    dates = [i.occurred_on for i in touches if target in i.contact_ids]
    return TeamTie(rep, closeness.get(target, 0), sum(d >= since for d in dates), max(dates, default=None))
