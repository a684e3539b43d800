"""Touch plans: how often a rep keeps in touch with each contact, and who is due or overdue today.

A contact's cadence (days between touches) comes from their importance (1–5) and trust stage,
read from the shipped table domain/config/cadence.toml, unless the rep set the contact's own
rhythm (`override_days`). The next touch is due one cadence after the last touch (or after the
plan started, for someone never touched; with neither, today). A touch is overdue the day after
it was due. Do-not-contact people are never due. Due touches are ranked most urgent first:
days overdue × importance, then importance, then the longest wait.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib import resources
from typing import Any

from domain.entities import Contact

IMPORTANCES = (1, 2, 3, 4, 5)
FALLBACK_STAGE = "acquainted"  # an unknown stage is planned like a new acquaintance: the shortest rhythm


@dataclass(frozen=True)
class CadenceTable:
    """The default days between touches, by importance and trust stage."""

    stages: tuple[str, ...]
    days: Mapping[int, Mapping[str, int]]

    def days_for(self, importance: int, stage: str) -> int:
        """The rhythm for a contact of this importance (clamped to 1–5) at this stage."""
        row = self.days[min(max(importance, IMPORTANCES[0]), IMPORTANCES[-1])]
        return row.get(stage, row[FALLBACK_STAGE])


def parse_cadence_table(data: Mapping[str, Any]) -> CadenceTable:
    """A cadence table from its TOML shape, refused unless every importance has a positive rhythm per stage."""
    stages = tuple(str(s) for s in data.get("stages", ()))
    if FALLBACK_STAGE not in stages:
        raise ValueError(f"cadence table: stages must include {FALLBACK_STAGE!r}")
    rows = {int(k): v for k, v in (data.get("days") or {}).items()}
    days: dict[int, dict[str, int]] = {}
    for importance in IMPORTANCES:
        row = rows.get(importance) or {}
        if set(row) != set(stages):
            raise ValueError(f"cadence table: importance {importance} must give exactly {list(stages)}")
        if any(not isinstance(v, int) or v < 1 for v in row.values()):
            raise ValueError(f"cadence table: importance {importance} has a rhythm that is not a positive number of days")
        days[importance] = {s: int(row[s]) for s in stages}
    return CadenceTable(stages, days)


@cache
def load_cadence_table() -> CadenceTable:
    """The shipped cadence table (domain/config/cadence.toml), read once."""
    text = resources.files("domain.config").joinpath("cadence.toml").read_text(encoding="utf-8")
    return parse_cadence_table(tomllib.loads(text))


def cadence_for(importance: int, stage: str, table: CadenceTable | None = None) -> int:
    """The default days between touches for a contact of this importance and trust stage."""
    return (table or load_cadence_table()).days_for(importance, stage)


@dataclass(frozen=True)
class TouchPlan:
    """The keep-in-touch rhythm for one contact, and when the rep last touched them."""

    contact_id: int
    importance: int
    stage: str
    cadence_days: int
    last_touch: date | None = None
    started_on: date | None = None
    override_days: int | None = None
    do_not_contact: bool = False

    def __post_init__(self) -> None:
        if self.cadence_days < 1 or (self.override_days is not None and self.override_days < 1):
            raise ValueError("a touch plan's rhythm must be at least one day")

    @property
    def days(self) -> int:
        """The rhythm in force: the rep's own for this contact, else the table's."""
        return self.override_days if self.override_days is not None else self.cadence_days


def plan_for(contact: Contact, *, last_touch: date | None = None, started_on: date | None = None,
             override_days: int | None = None, stage: str | None = None,
             table: CadenceTable | None = None) -> TouchPlan:
    """A contact's touch plan at their recorded stage (or the one given), with the rep's override if any."""
    at = stage or contact.trust_stage
    return TouchPlan(contact.id, contact.importance, at, cadence_for(contact.importance, at, table),
                     last_touch=last_touch, started_on=started_on, override_days=override_days,
                     do_not_contact=contact.do_not_contact)


def next_touch_due(plan: TouchPlan, today: date) -> date | None:
    """When the next touch falls due; None for someone we must not contact."""
    if plan.do_not_contact:
        return None
    anchor = plan.last_touch or plan.started_on
    return today if anchor is None else anchor + timedelta(days=plan.days)


def is_overdue(plan: TouchPlan, today: date) -> bool:
    """Whether the touch was due before today."""
    due = next_touch_due(plan, today)
    return due is not None and due < today


@dataclass(frozen=True)
class DueTouch:
    """A contact to touch today: when it fell due and how late it is."""

    contact_id: int
    due_on: date
    days_overdue: int
    importance: int
    cadence_days: int

    @property
    def urgency(self) -> int:
        """Days overdue × importance: how much trust is leaking."""
        return self.days_overdue * self.importance


def due_touches(plans: Iterable[TouchPlan], today: date) -> list[DueTouch]:
    """Every touch due today or earlier, most urgent first, leaving out do-not-contact people."""
    due: list[DueTouch] = []
    for plan in plans:
        on = next_touch_due(plan, today)
        if on is not None and on <= today:
            due.append(DueTouch(plan.contact_id, on, (today - on).days, plan.importance, plan.days))
    return sorted(due, key=lambda d: (-d.urgency, -d.importance, d.due_on, d.contact_id))
