"""Deal health: green, amber or red, with the reasons in words.

The decision makers are the chain members in the decision_maker and economic_buyer roles; a
decision maker is overdue when their last touch is older than their touch-plan rhythm
(domain/touch_plan.py) or they were never touched, and cold when it is older than twice it.

- **red** when a control point is lost, or every decision maker is cold;
- **amber** when two or more of the three before-tender points are unknown, a point is at risk, a
  role of the chain is missing, a decision maker is overdue, or a decision maker has not heard our
  pitch;
- **green** otherwise.

Pitch coverage with no pitch recorded for the deal at all is unknown: the card says so, and it never
counts against the deal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from domain.control_points import BEFORE_TENDER
from domain.entities import ControlPoint
from domain.graph.chain import DECISION_MAKER, ECONOMIC_BUYER, DecisionChain

GREEN, AMBER, RED = "green", "amber", "red"
KEY_ROLES = (DECISION_MAKER, ECONOMIC_BUYER)


@dataclass(frozen=True)
class KeyPerson:
    """A decision maker of the deal: when we last touched them and the rhythm their touch plan asks for."""

    contact_id: int
    name: str
    last_touch: date | None
    rhythm_days: int

    def days_late(self, today: date, times: int = 1) -> bool:
        """Whether the last touch is older than `times` rhythms (never touched is always late)."""
        return self.last_touch is None or (today - self.last_touch).days > times * self.rhythm_days


@dataclass(frozen=True)
class Reason:
    """One reason for the colour: a code, the points, roles or names it is about, and days where they matter."""

    code: str
    items: tuple[str, ...] = ()
    days: int | None = None


@dataclass(frozen=True)
class DealHealth:
    """The deal's colour and why."""

    colour: str
    reasons: tuple[Reason, ...]


def deal_health(*, points: Sequence[ControlPoint], chain: DecisionChain, key_people: Sequence[KeyPerson],
                pitched: frozenset[int] | None, today: date) -> DealHealth:
    """Green, amber or red for one deal, worst reasons first (the rule is in the module docstring)."""
    cold = bool(key_people) and all(p.days_late(today, 2) for p in key_people)
    red = _red(points, key_people if cold else ())
    amber = _amber(points, chain) + _late(() if cold else key_people, today) + _unheard(key_people, pitched)
    note = (Reason("pitch_unknown"),) if pitched is None else ()
    if red:
        return DealHealth(RED, red + amber + note)
    if amber:
        return DealHealth(AMBER, amber + note)
    return DealHealth(GREEN, (Reason("on_track"),) + note)


def _red(points: Sequence[ControlPoint], cold: Sequence[KeyPerson]) -> tuple[Reason, ...]:
    lost = tuple(p.key for p in points if p.state == "lost")
    return ((Reason("point_lost", lost),) if lost else ()) + \
        ((Reason("decision_makers_cold", tuple(p.name for p in cold)),) if cold else ())


def _amber(points: Sequence[ControlPoint], chain: DecisionChain) -> tuple[Reason, ...]:
    unknown = tuple(p.key for p in points if p.key in BEFORE_TENDER and p.state == "unknown")
    at_risk = tuple(p.key for p in points if p.state == "at_risk")
    missing = chain.missing_roles()
    return tuple(reason for reason in (
        Reason("before_tender_unknown", unknown) if len(unknown) >= 2 else None,
        Reason("point_at_risk", at_risk) if at_risk else None,
        Reason("roles_missing", missing) if missing else None,
    ) if reason is not None)


def _late(key_people: Sequence[KeyPerson], today: date) -> tuple[Reason, ...]:
    return tuple(Reason("decision_maker_overdue", (p.name,), None if p.last_touch is None
                        else (today - p.last_touch).days) for p in key_people if p.days_late(today))


def _unheard(key_people: Sequence[KeyPerson], pitched: frozenset[int] | None) -> tuple[Reason, ...]:
    unheard = tuple(p.name for p in key_people if pitched is not None and p.contact_id not in pitched)
    return (Reason("not_pitched", unheard),) if unheard else ()
