"""Past projects for the demo's accounts: closed deals with their tender, chain, control points and outcome.

Scoring learns from closed deals and falls back to the win rate below ten of them, so a demo with one
closed deal shows no learnt score. Each account gives its project names and amounts, its rivals and how
it tenders; a seeded generator fills in the rest the way key-account selling goes: the earlier we were in
(an existing customer, an executive's introduction), the more control points we held and the likelier
the decision maker backed us — and the likelier we won, with noise, so the history reads like a real one
rather than a rule. The same plan and `today` always give the same history.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from sandbox.demo_data_types import (
    DemoAccount,
    DemoContact,
    DemoDeal,
    DemoDepartment,
    DemoLink,
    DemoMember,
)

BEFORE_TENDER = ("exchange_time", "budget_input", "rfp_input")
OTHER_ROLES = ("technical_buyer", "procurement", "economic_buyer", "user_buyer", "influencer", "coach")
INFLUENCE = {"decision_maker": 5, "economic_buyer": 4, "technical_buyer": 4}
# Log-odds of a win: what the decision maker thought of us, and how the tender was decided.
STANCE_ODDS = {"supporter": 1.2, "neutral": 0.0, "opponent": -1.4, "missing": -0.8}
RULE_ODDS: dict[str | None, float] = {"comprehensive_score": 0.4, "lowest_price": -0.7, None: 0.8}
RULES = {"open_tender": 0.75, "invited_tender": 0.85, "competitive_consultation": 1.0,
         "competitive_negotiation": 0.3, "inquiry": 0.0}  # the share of each method decided on overall score


@dataclass(frozen=True)
class Words:
    """How one demo world writes its history: our name as a winner, lead sources, evidence, reasons, money."""

    we: str
    lead_key: str
    leads: tuple[str, str, str, str]  # earliest way in first: existing customer … a public tender notice
    criteria: tuple[str, str, str]  # technical, price, service
    evidence: Mapping[str, str]  # "<point>.<state>": what showed it, with {rival}
    won: Mapping[str, str]  # by award rule ("none" for single source): why we won, with {price}
    lost: Mapping[str, str]  # "price", "rules", "decision_maker", "score": why we lost, with {rival}, {price}
    money: str  # a price from {amount} and {currency}, e.g. "¥{amount:,.0f}"


@dataclass(frozen=True)
class PastPlan:
    """An account's past projects as (name, amount) oldest first, its rivals and tender habits, our standing."""

    projects: tuple[tuple[str, float], ...]
    currency: str
    rivals: tuple[str, ...]
    methods: tuple[str, ...]  # award methods to draw from, repeated as often as the account uses them
    roles: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # who may hold each role, by contact key
    lean: float = 0.0  # log-odds of a win here beyond the project's facts: + where we are the incumbent
    span: tuple[int, int] = (1800, 400)  # days before today of the first and the last close
    seed: int = 0
    technical: tuple[int, ...] = (40, 50, 50, 60)  # weights of the technical criterion to draw from


@dataclass(frozen=True)
class PastPerson:
    """Someone at an account known from past projects, the roles they held, and whom they report to."""

    name: str
    title: str
    department: str
    importance: int
    stance: str
    roles: tuple[str, ...]
    boss: str | None = None


def past_projects(plan: PastPlan, words: Words, today: date) -> tuple[DemoDeal, ...]:
    """The account's closed deals, oldest first, closing evenly across the plan's span before `today`."""
    rng = random.Random(plan.seed)
    first, last = plan.span
    step = (first - last) / max(1, len(plan.projects) - 1)
    return tuple(_project(rng, plan, words, name, amount, today - timedelta(days=round(first - i * step)))
                 for i, (name, amount) in enumerate(plan.projects))


def _project(rng: random.Random, plan: PastPlan, words: Words, name: str, amount: float,
             close: date) -> DemoDeal:
    """One closed project: how early we were in decides the points held and the odds, noise decides the rest."""
    lead = rng.choices(range(4), weights=(3, 2, 2, 3))[0]
    held = max(0, min(3, 3 - lead + rng.choice((-1, 0, 0, 1))))  # before-tender points we secured
    stance = rng.choices(tuple(STANCE_ODDS), weights=(1 + 2 * held, 3, 3 - 0.6 * held, 3 - held))[0]
    method = rng.choice(plan.methods)
    method = method if method != "single_source" or lead == 0 else "competitive_negotiation"
    rule = None if method == "single_source" else (
        "comprehensive_score" if rng.random() < RULES[method] else "lowest_price")
    rules_lost = lead == 3 and rng.random() < 0.6  # the criteria were written around a rival's product
    odds = (plan.lean - 0.5 + 0.9 * (held - 1.5) + STANCE_ODDS[stance] + RULE_ODDS[rule]
            - 0.8 * rules_lost + rng.gauss(0, 0.7))
    rivals = tuple(rng.sample(plan.rivals, min(len(plan.rivals), rng.choice((1, 2, 2)))))
    tender = close - timedelta(days=rng.randint(10, 25))
    opened = close - timedelta(days=rng.randint(150, 320))
    return DemoDeal(
        name, amount, plan.currency, "closed_won" if odds > 0 else "closed_lost",
        _chain(rng, plan, held, stance), method, rule, budget_on=opened + timedelta(days=rng.randint(20, 60)),
        rfp_due=tender - timedelta(days=rng.randint(15, 30)), tender_on=tender, close_on=close,
        competitors=rivals, evaluation_criteria=_criteria(rng, words, rule, plan.technical),
        points=_points(rng, words, held, lead, rules_lost, rivals[0]), custom=((words.lead_key, words.leads[lead]),),
        created_on=opened, **_outcome(rng, words, odds > 0, (amount, plan.currency), rule, rules_lost, stance,
                                      rivals[0]),
    )


def _chain(rng: random.Random, plan: PastPlan, held: int, stance: str) -> tuple[DemoMember, ...]:
    """The decision maker (unless nobody was identified), then more roles the better we knew the account."""
    roles = OTHER_ROLES[:max(1, min(6, 1 + held + rng.randint(0, 2)))]
    members: list[DemoMember] = []
    decider = None  # the project team reports to the decision maker, or else to the first person identified
    for role in (() if stance == "missing" else ("decision_maker",)) + roles:
        free = [k for k in plan.roles.get(role, ()) if all(m.contact != k for m in members)]
        if not free:
            continue
        their = stance if role == "decision_maker" else rng.choices(
            ("supporter", "neutral", "opponent", "unknown"), weights=(1 + held, 2, 1, 1))[0]
        members.append(DemoMember(rng.choice(free), role, INFLUENCE.get(role, 3), their, decider))
        decider = decider or members[-1].contact
    return tuple(members)


def _criteria(rng: random.Random, words: Words, rule: str | None,
              weights: tuple[int, ...]) -> tuple[dict[str, Any], ...]:
    """Technical, price and service weights summing to 100, for a tender decided on overall score."""
    if rule != "comprehensive_score":
        return ()
    technical = rng.choice(weights)
    service = 10 if technical == 60 else 20
    return tuple({"item": item, "weight": w} for item, w in zip(
        words.criteria, (technical, 100 - technical - service, service), strict=True))


def _points(rng: random.Random, words: Words, held: int, lead: int, rules_lost: bool,
            rival: str) -> tuple[tuple[str, str, str], ...]:
    """Before the tender the first `held` points secured, the others lost or never assessed; in it, what a
    rival's criteria cost us. Tender facts on record count as secured without an entry of their own."""
    points = []
    for i, key in enumerate(BEFORE_TENDER):
        state = "secured" if i < held else "lost" if lead == 3 or rng.random() < 0.4 else None
        if state:
            points.append((key, state, words.evidence[f"{key}.{state}"].format(rival=rival)))
    if rules_lost:
        points += [(key, "lost", words.evidence[f"{key}.lost"].format(rival=rival))
                   for key in ("evaluation_criteria", "award_rule")]
    return tuple(points)


def _outcome(rng: random.Random, words: Words, won: bool, size: tuple[float, str], rule: str | None,
             rules_lost: bool, stance: str, rival: str) -> dict[str, Any]:
    """Who won, and why in the words a rep would log: the price, then what decided it."""
    amount, currency = size
    unit = 10_000 if amount >= 1_000_000 else 1_000
    awarded = round(amount * rng.uniform(0.82, 0.98) / unit) * unit
    price = words.money.format(amount=awarded, currency=currency)
    if won:
        return {"outcome": "won", "winner": words.we, "winning_price": float(awarded),
                "outcome_reason": words.won[rule or "none"].format(price=price)}
    why = ("price" if rule == "lowest_price" else "rules" if rules_lost else
           "decision_maker" if stance == "opponent" else "score")
    return {"outcome": "lost", "winner": rival, "winning_price": float(awarded),
            "outcome_reason": words.lost[why].format(rival=rival, price=price)}


def past_account(name: str, *, aliases: tuple[str, ...], industry: str, region: str, owner: str,
                 people: tuple[PastPerson, ...], plan: PastPlan, words: Words, today: date) -> DemoAccount:
    """An account we know from past projects only: its people, their reporting lines, its closed deals."""
    roots = [p.department for p in people if p.boss is None]
    departments = tuple(DemoDepartment(d, None if d == roots[0] else roots[0])
                        for d in dict.fromkeys(p.department for p in people))
    contacts = tuple(DemoContact(p.name, p.title, p.department, p.importance, 2, p.stance) for p in people)
    links = tuple(DemoLink(p.name, "reports_to", p.boss, 5) for p in people if p.boss)
    roles = {role: tuple(p.name for p in people if role in p.roles) for role in ("decision_maker", *OTHER_ROLES)}
    return DemoAccount(name=name, aliases=aliases, industry=industry, region=region, owner=owner,
                       departments=departments, department_links=(), contacts=contacts, links=links,
                       deals=past_projects(replace(plan, roles=roles), words, today),
                       interactions=())
