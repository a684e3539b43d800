"""What to do this week at an account: the gaps turned into a short list of next actions, most valuable first."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from domain.entities import Contact, Deal
from domain.graph.chain import COACH, DECISION_MAKER, ECONOMIC_BUYER, TECHNICAL_BUYER, DecisionChain
from domain.graph.gaps import (
    LOW_CLOSENESS,
    MISSING_COACH,
    MISSING_ROLE,
    OVERDUE_TOUCH,
    UNBACKED_DECISION_MAKER,
    Gap,
)
from domain.graph.links import SUPPORTER, by_id
from domain.graph.paths import Path, RelationshipGraph
from domain.graph.ranking import Ranked

MEET = "meet"  # meet a decision maker nobody near backs us with
IDENTIFY_ROLE = "identify_role"  # find out who holds a role in the deal
RECRUIT_COACH = "recruit_coach"  # win someone inside who will guide us
DEEPEN = "deepen"  # get closer to a key person we barely know
TOUCH = "touch"  # a key person is overdue for a touch
_KIND_ORDER = (MEET, IDENTIFY_ROLE, RECRUIT_COACH, DEEPEN, TOUCH)
_PERSON_KIND = {UNBACKED_DECISION_MAKER: MEET, LOW_CLOSENESS: DEEPEN, OVERDUE_TOUCH: TOUCH}

INTRODUCTION = "introduction"  # via_contact (reached by via_rep, if set) introduces us
COLLEAGUE = "colleague"  # via_rep already knows the person: go with them
ASK_COACH = "ask_coach"  # ask the deal's coach (via_contact)
ASK_SUPPORTER = "ask_supporter"  # ask or cultivate a supporter (via_contact)
DIRECT = "direct"  # no one to go through: reach out directly

ROLE_IMPORTANCE = {DECISION_MAKER: 5, ECONOMIC_BUYER: 5, TECHNICAL_BUYER: 4, COACH: 4}
UNKNOWN_INFLUENCE = 0.5  # someone not yet on the map counts as middling influence
AMOUNT_UNIT = 100_000.0


@dataclass(frozen=True)
class Value:
    """Why an action ranks where it does: importance × influence × deal-size weight."""

    importance: int
    influence: float  # relative influence rank, 1.0 for the most influential person on the map
    amount_weight: float  # 1 + log10(1 + amount / 100,000); 1.0 with no deal

    @property
    def total(self) -> float:
        """The product the plan is ordered by."""
        return self.importance * self.influence * self.amount_weight


@dataclass(frozen=True)
class Action:
    """One next step: what to do, with whom, through whom, and the gaps and numbers that justify it."""

    rank: int
    kind: str
    how: str
    value: Value
    target_id: int | None = None
    via_contact_id: int | None = None
    via_rep: str | None = None
    via_closeness: int | None = None
    deal_id: int | None = None
    role: str | None = None
    reasons: tuple[str, ...] = ()  # the gap kinds behind it
    facts: tuple[tuple[str, int], ...] = ()
    path: Path | None = None

    def fact(self, name: str) -> int | None:
        """One number behind the action, e.g. closeness, opponents, days_since_touch."""
        return dict(self.facts).get(name)


@dataclass(frozen=True)
class _Route:
    """How to reach a person, before it is written into an action."""

    how: str
    via_contact_id: int | None = None
    via_rep: str | None = None
    via_closeness: int | None = None
    path: Path | None = None


@dataclass(frozen=True)
class _Context:
    """Everything the plan looks up while weighing gaps."""

    people: Mapping[int, Contact]
    ranking: Mapping[int, Ranked]
    deals: Mapping[int, Deal]
    chains: Sequence[DecisionChain]
    graph: RelationshipGraph | None


def action_plan(gaps: Sequence[Gap], *, contacts: Sequence[Contact], ranking: Sequence[Ranked],
                deals: Sequence[Deal] = (), chains: Sequence[DecisionChain] = (),
                graph: RelationshipGraph | None = None, limit: int = 5) -> list[Action]:
    """The few next actions worth most, one per person, each with who, why and how."""
    ctx = _Context(by_id(contacts), {r.contact_id: r for r in ranking}, {d.id: d for d in deals}, chains, graph)
    by_person: dict[int, list[Gap]] = {}
    drafts = []
    for gap in gaps:
        if gap.subject is None:
            drafts.append(_role_action(gap, ctx))
        else:
            by_person.setdefault(gap.subject, []).append(gap)
    drafts += [_person_action(cid, found, ctx) for cid, found in by_person.items()]
    drafts.sort(key=lambda a: (-round(a.value.total, 9), _KIND_ORDER.index(a.kind), a.target_id or 0,
                               a.deal_id or 0, a.role or ""))
    return [_ranked(a, n) for n, a in enumerate(drafts[:limit], start=1)]


def _person_action(cid: int, gaps: Sequence[Gap], ctx: _Context) -> Action:
    """One action for a person however many gaps they are in: the most urgent kind, all the reasons."""
    kinds = [g.kind for g in gaps if g.kind in _PERSON_KIND]
    kind = min((_PERSON_KIND[k] for k in kinds), key=_KIND_ORDER.index)
    person = ctx.people.get(cid)
    rank = ctx.ranking.get(cid)
    deal_ids = {g.deal_id for g in gaps if g.deal_id is not None} or _deals_of(cid, ctx.chains)
    value = Value(person.importance if person else 3, rank.relative if rank else UNKNOWN_INFLUENCE,
                  max((_amount_weight(ctx.deals.get(d)) for d in deal_ids), default=1.0))
    facts = tuple(dict(f for g in gaps for f in g.facts).items())
    route = _way_in(cid, ctx) if kind != TOUCH else _Route(DIRECT)
    deal_id = max(deal_ids, key=lambda d: (_amount_weight(ctx.deals.get(d)), -d)) if deal_ids else None
    return Action(0, kind, route.how, value, cid, route.via_contact_id, route.via_rep, route.via_closeness,
                  deal_id, DECISION_MAKER if kind == MEET else None, tuple(dict.fromkeys(kinds)), facts, route.path)


def _way_in(cid: int, ctx: _Context) -> _Route:
    """How to reach a person: through the strongest introduction path, a colleague, or directly."""
    path = ctx.graph.path_to(cid) if ctx.graph else None
    if path is None or not path.hops:
        return _Route(DIRECT, path=path)
    if path.entry == cid:
        return _Route(COLLEAGUE, via_rep=path.start_rep, via_closeness=path.hops[0].strength, path=path)
    entry = ctx.people.get(path.entry) if path.entry is not None else None
    closeness = path.hops[0].strength if path.start_rep else (entry.closeness if entry else None)
    return _Route(INTRODUCTION, path.entry, path.start_rep, closeness, path)


def _role_action(gap: Gap, ctx: _Context) -> Action:
    """Find who holds a role (ask the coach, else a supporter), or recruit a coach from our supporters."""
    role = gap.role or COACH
    kind = RECRUIT_COACH if gap.kind == MISSING_COACH else IDENTIFY_ROLE
    chain = next((c for c in ctx.chains if c.deal.id == gap.deal_id), None)
    coach = chain.holding(COACH)[0].contact_id if chain and chain.holding(COACH) else None
    ally = _best_supporter(ctx, chain)
    how, via = (ASK_COACH, coach) if coach and kind == IDENTIFY_ROLE else (
        (ASK_SUPPORTER, ally) if ally else (DIRECT, None))
    closeness = ctx.people[via].closeness if via is not None and via in ctx.people else None
    value = Value(ROLE_IMPORTANCE.get(role, 3), UNKNOWN_INFLUENCE, _amount_weight(ctx.deals.get(gap.deal_id or 0)))
    reasons = (gap.kind,) if gap.kind in (MISSING_ROLE, MISSING_COACH) else ()
    return Action(0, kind, how, value, via_contact_id=via, via_closeness=closeness, deal_id=gap.deal_id,
                  role=role, reasons=reasons, facts=gap.facts)


def _best_supporter(ctx: _Context, chain: DecisionChain | None) -> int | None:
    """The supporter we are closest to (in the deal's chain first), the natural person to ask or to coach."""
    pool = [ctx.people[c] for c in chain.contact_ids() if c in ctx.people] if chain else []
    for people in (pool, list(ctx.people.values())):
        fans = [c for c in people if c.stance == SUPPORTER and not c.do_not_contact]
        if fans:
            return min(fans, key=lambda c: (-c.closeness, -c.importance, c.id)).id
    return None


def _deals_of(cid: int, chains: Sequence[DecisionChain]) -> set[int]:
    """The deals a person sits in the chain of."""
    return {c.deal.id for c in chains if cid in c.contact_ids()}


def _amount_weight(deal: Deal | None) -> float:
    """Bigger deals weigh more, but on a log scale: a 10× deal is not 10× the priority."""
    amount = deal.amount if deal and deal.amount else 0.0
    return 1.0 + math.log10(1.0 + max(0.0, amount) / AMOUNT_UNIT)


def _ranked(action: Action, rank: int) -> Action:
    """The action with its place in the plan."""
    return Action(rank, action.kind, action.how, action.value, action.target_id, action.via_contact_id,
                  action.via_rep, action.via_closeness, action.deal_id, action.role, action.reasons,
                  action.facts, action.path)
