"""What a log changes on a deal: which deal it is about, its facts, control points and decision chain."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from domain.entities import ControlPoint, Deal
from domain.meeting_log import DealFacts, MeetingLog

NEW_DEAL = "new"
DEAL_FIELDS = ("amount", "currency", "close_on", "rfp_due", "tender_on", "award_method", "award_rule")


@dataclass(frozen=True)
class PointChange:
    """A control point moving from one state to another, with the evidence the rep gave."""

    key: str
    before: str
    after: str
    evidence: str | None = None


@dataclass(frozen=True)
class DealStep:
    """The deal a log's facts go to (existing or new), or the open deals to choose between."""

    deal: Deal | None = None
    new_name: str | None = None
    candidates: tuple[Deal, ...] = ()
    changes: tuple[tuple[str, Any, Any], ...] = ()
    points: tuple[PointChange, ...] = ()
    roles: tuple[tuple[str, str], ...] = ()  # (name as written, role in this deal)

    @property
    def needs_choice(self) -> bool:
        """True when the account has several open deals and the log does not say which."""
        return self.deal is None and self.new_name is None and len(self.candidates) > 1

    @property
    def name(self) -> str | None:
        """The deal's name, existing or proposed."""
        return self.deal.name if self.deal else self.new_name


def concerns_a_deal(log: MeetingLog) -> bool:
    """True when the log says something about an opportunity: facts, control points or roles."""
    facts = log.deal is not None and any(
        getattr(log.deal, f) for f in (*DEAL_FIELDS, "name", "evaluation_criteria", "competitors"))
    return facts or bool(log.control_points) or any(p.deal_role for p in log.people)


def plan_deal(log: MeetingLog, *, account_name: str | None, open_deals: Sequence[Deal],
              points: Mapping[int, Mapping[str, ControlPoint]], choice: Any = None) -> DealStep | None:
    """Pick the deal (named, the only open one, or a new one) and list what changes on it."""
    if not account_name or not concerns_a_deal(log):
        return None
    deal, new_name, candidates = _which(log.deal, account_name, open_deals, choice)
    if deal is None and new_name is None:
        return DealStep(candidates=candidates)
    before = points.get(deal.id, {}) if deal else {}
    return DealStep(deal, new_name, candidates, _changes(deal, log.deal), _points(log, before), _roles(log))


def _which(facts: DealFacts | None, account_name: str, open_deals: Sequence[Deal],
           choice: Any) -> tuple[Deal | None, str | None, tuple[Deal, ...]]:
    named = facts.name if facts and facts.name else None
    if choice == NEW_DEAL:
        return None, named or account_name, tuple(open_deals)
    if choice is not None:
        chosen = next((d for d in open_deals if d.id == int(choice)), None)
        if chosen is not None:
            return chosen, None, tuple(open_deals)
    if named:
        same = [d for d in open_deals if named.casefold() in d.name.casefold() or d.name.casefold() in named.casefold()]
        if len(same) == 1:
            return same[0], None, tuple(open_deals)
        if not same:
            return None, named, tuple(open_deals)  # a deal the store does not know yet
    if len(open_deals) == 1:
        return open_deals[0], None, tuple(open_deals)
    if not open_deals:
        return None, account_name, ()
    return None, None, tuple(open_deals)


def _changes(deal: Deal | None, facts: DealFacts | None) -> tuple[tuple[str, Any, Any], ...]:
    if facts is None:
        return ()
    out = []
    for name in DEAL_FIELDS:
        after, before = getattr(facts, name), getattr(deal, name) if deal else None
        if after not in (None, "") and after != before:
            out.append((name, before, after))
    criteria = tuple({"item": c.item, "weight": c.weight} for c in facts.evaluation_criteria)
    if criteria and (deal is None or criteria != deal.evaluation_criteria):
        out.append(("evaluation_criteria", deal.evaluation_criteria if deal else (), criteria))
    known = deal.competitors if deal else ()
    added = tuple(c for c in facts.competitors if c not in known)
    if added:
        out.append(("competitors", known, (*known, *added)))
    return tuple(out)


def _points(log: MeetingLog, before: Mapping[str, ControlPoint]) -> tuple[PointChange, ...]:
    out = []
    for fact in log.control_points:
        was = before[fact.key].state if fact.key in before else "unknown"
        if was != fact.state:
            out.append(PointChange(fact.key, was, fact.state, fact.evidence))
    return tuple(out)


def _roles(log: MeetingLog) -> tuple[tuple[str, str], ...]:
    return tuple((p.name, p.deal_role) for p in log.people if p.deal_role)
