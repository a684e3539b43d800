"""The shapes of the demo data set: plain frozen values, keyed by readable names, no ids and no I/O."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True)
class DemoDepartment:
    """A department and the one it sits under (None at the top of the tree)."""

    name: str
    parent: str | None = None


@dataclass(frozen=True)
class DemoDepartmentLink:
    """How two departments relate, e.g. 采购部 reviews 信息科技部."""

    from_: str
    kind: str  # reviews / budgets_for / serves
    to: str
    note: str | None = None


@dataclass(frozen=True)
class DemoContact:
    """A person at the account; `ref` tells apart two people with the same name."""

    name: str
    title: str
    department: str
    importance: int
    closeness: int
    stance: str
    aliases: tuple[str, ...] = ()
    birthday: str | None = None  # MM-DD
    birthday_lunar: bool = False
    ref: str = ""

    @property
    def key(self) -> str:
        """The name links, chains and interactions use for this person."""
        return self.ref or self.name


@dataclass(frozen=True)
class DemoLink:
    """A tie between two contacts (by key): reports_to, influences, ally, rival or knows."""

    from_: str
    kind: str
    to: str
    strength: int = 3


@dataclass(frozen=True)
class DemoMember:
    """A contact's role in one deal's chain; `reports_to` is the project team's line, not the org chart's."""

    contact: str
    role: str
    influence: int
    stance: str
    reports_to: str | None = None


@dataclass(frozen=True)
class DemoDeal:
    """An opportunity with what is known of its tender and its decision chain.

    `points` are the control points assessed, as (key, state, evidence); `custom` the attributes a CRM
    export keeps with no field of their own; `created_on` when it was opened (None: when the demo loads).
    """

    name: str
    amount: float
    currency: str
    stage: str
    chain: tuple[DemoMember, ...]
    award_method: str | None = None
    award_rule: str | None = None
    budget_on: date | None = None
    rfp_due: date | None = None
    tender_on: date | None = None
    close_on: date | None = None
    competitors: tuple[str, ...] = ()
    evaluation_criteria: tuple[dict[str, Any], ...] = ()
    outcome: str | None = None
    winner: str | None = None
    winning_price: float | None = None  # what the tender was awarded at, in the deal's currency
    outcome_reason: str | None = None
    points: tuple[tuple[str, str, str], ...] = ()  # (key, state, evidence)
    custom: tuple[tuple[str, str], ...] = ()
    created_on: date | None = None


@dataclass(frozen=True)
class DemoInteraction:
    """One touch: which rep, when, how, with whom (contact keys), about which deal, and what was said."""

    rep: str
    occurred_on: date
    channel: str
    summary: str
    contacts: tuple[str, ...]
    deal: str | None = None
    pitched: tuple[str, ...] = ()


@dataclass(frozen=True)
class DemoProposition:
    """A 60-second value proposition of the team's library: 2–3 points and the industries, products and chain
    roles it speaks to, in the language it is said in."""

    title: str
    points: tuple[str, ...]
    roles: tuple[str, ...]
    industries: tuple[str, ...] = ()
    products: tuple[str, ...] = ()
    locale: str = "zh-CN"


@dataclass(frozen=True)
class DemoAccount:
    """A whole customer: its org chart, people, ties, deals and a history of touches."""

    name: str
    aliases: tuple[str, ...]
    industry: str
    region: str
    owner: str
    departments: tuple[DemoDepartment, ...]
    department_links: tuple[DemoDepartmentLink, ...]
    contacts: tuple[DemoContact, ...]
    links: tuple[DemoLink, ...]
    deals: tuple[DemoDeal, ...]
    interactions: tuple[DemoInteraction, ...]
