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
counts against the deal. The deal card judges one deal (`deal_health`); the pipeline judges
thousands by the same rule (`colours`), each kind of deal once.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import NamedTuple

from domain.control_points import BEFORE_TENDER, POINT_KEYS
from domain.entities import ControlPoint
from domain.graph.chain import DECISION_MAKER, ECONOMIC_BUYER, ROLES, DecisionChain
from domain.touch_plan import TouchPlan, cadence_for

GREEN, AMBER, RED = "green", "amber", "red"
KEY_ROLES = (DECISION_MAKER, ECONOMIC_BUYER)


class KeyPerson(NamedTuple):
    """A decision maker of the deal: when we last touched them and the rhythm their touch plan asks for.
    A tuple, because the pipeline builds one per decision maker of thousands of deals."""

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


# A KeyPerson's fields as a plain tuple: the pipeline keeps thousands, and the collector stops walking plain tuples.
KeyFacts = tuple[int, str, date | None, int]


class DealSignals(NamedTuple):
    """What one deal's health depends on: its points' states, the roles nobody holds, its decision makers,
    who heard the pitch (None: no pitch recorded). A tuple, because the pipeline builds thousands."""

    points: tuple[tuple[str, str], ...]  # (control point key, state), in the method's order
    missing_roles: tuple[str, ...]
    key_people: tuple[KeyPerson, ...] = ()
    pitched: Collection[int] | None = None


def deal_health(*, points: Sequence[ControlPoint], chain: DecisionChain, key_people: Sequence[KeyPerson],
                pitched: frozenset[int] | None, today: date) -> DealHealth:
    """Green, amber or red for one deal, worst reasons first (the rule is in the module docstring)."""
    return judge(DealSignals(tuple((p.key, p.state) for p in points), chain.missing_roles(), tuple(key_people),
                             pitched), today)


def judge(deal: DealSignals, today: date) -> DealHealth:
    """Green, amber or red for one deal's signals, worst reasons first."""
    people = deal.key_people
    cold = bool(people) and all(p.days_late(today, 2) for p in people)
    red = _red(deal.points, people if cold else ())
    amber = _amber(deal) + _late(() if cold else people, today) + _unheard(people, deal.pitched)
    note = (Reason("pitch_unknown"),) if deal.pitched is None else ()
    if red:
        return DealHealth(RED, red + amber + note)
    if amber:
        return DealHealth(AMBER, amber + note)
    return DealHealth(GREEN, (Reason("on_track"),) + note)


def colours(deals: Iterable[DealSignals], today: date) -> list[str]:
    """Each deal's colour by `judge`, in order; deals alike in all the colour depends on are judged once."""
    judged: dict[tuple[object, ...], str] = {}
    found = []
    for deal in deals:
        # Which roles are missing only changes the words: the colour asks whether any is.
        alike = (deal.points, not deal.missing_roles, deal.pitched is None, _standings(deal, today))
        colour = judged.get(alike)
        if colour is None:
            colour = judged[alike] = judge(deal, today).colour
        found.append(colour)
    return found


def _standings(deal: DealSignals, today: date) -> int:
    """Which standings (late, twice late, heard) its decision makers are in, as bits of one number.

    Names, exact days and order only change the reasons' words: the rule asks whether all or any decision maker
    is late, cold or unheard, which the set of standings answers."""
    found = 0
    for p in deal.key_people:
        heard = deal.pitched is not None and p.contact_id in deal.pitched
        found |= 1 << (p.days_late(today) + 2 * p.days_late(today, 2) + 4 * heard)
    return found


@cache
def rhythm_days(importance: int, trust_stage: str, cadence_days: int | None) -> int:
    """The days between touches a contact's plan asks for: the rep's own rhythm if set, else the cadence table's."""
    return TouchPlan(0, importance, trust_stage, cadence_for(importance, trust_stage), override_days=cadence_days).days


@cache
def point_states(recorded: tuple[tuple[str, str], ...], tender_known: frozenset[str]) -> tuple[tuple[str, str], ...]:
    """The six points' (key, state) in the method's order as six_points fills them, from the assessed (key, state)
    pairs: a point as assessed, else secured when its tender fact is on record, else unknown."""
    assessed = dict(recorded)
    return tuple((key, assessed.get(key) or ("secured" if key in tender_known else "unknown")) for key in POINT_KEYS)


@cache
def missing_roles(held: frozenset[str]) -> tuple[str, ...]:
    """The roles of the chain nobody holds, in the method's order (DecisionChain.missing_roles for bare roles)."""
    return tuple(r for r in ROLES if r not in held)


def _red(points: Sequence[tuple[str, str]], cold: Sequence[KeyPerson]) -> tuple[Reason, ...]:
    lost = tuple(key for key, state in points if state == "lost")
    return ((Reason("point_lost", lost),) if lost else ()) + \
        ((Reason("decision_makers_cold", tuple(p.name for p in cold)),) if cold else ())


def _amber(deal: DealSignals) -> tuple[Reason, ...]:
    unknown = tuple(key for key, state in deal.points if key in BEFORE_TENDER and state == "unknown")
    at_risk = tuple(key for key, state in deal.points if state == "at_risk")
    return tuple(reason for reason in (
        Reason("before_tender_unknown", unknown) if len(unknown) >= 2 else None,
        Reason("point_at_risk", at_risk) if at_risk else None,
        Reason("roles_missing", deal.missing_roles) if deal.missing_roles else None,
    ) if reason is not None)


def _late(key_people: Sequence[KeyPerson], today: date) -> tuple[Reason, ...]:
    return tuple(Reason("decision_maker_overdue", (p.name,), None if p.last_touch is None
                        else (today - p.last_touch).days) for p in key_people if p.days_late(today))


def _unheard(key_people: Sequence[KeyPerson], pitched: Collection[int] | None) -> tuple[Reason, ...]:
    unheard = tuple(p.name for p in key_people if pitched is not None and p.contact_id not in pitched)
    return (Reason("not_pitched", unheard),) if unheard else ()
