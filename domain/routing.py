"""Routing presales requests: which queue serves a request, and whom in that queue it goes to.

Rules are tried in the order the admin wrote them and the first that matches wins; a request no rule
matches goes to the default queue (the channel RAPPORT_PRESALES_CHANNEL names). Region, industry and
product are compared without regard to case, because accounts and rules are typed by different people.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, get_args

from domain.meeting_log import RequestType
from domain.working_hours import WorkingCalendar

Policy = Literal["round_robin", "least_loaded", "skill_match"]
POLICIES: tuple[str, ...] = get_args(Policy)
REQUEST_TYPES: tuple[str, ...] = get_args(RequestType)
DEFAULT_QUEUE = "default"


@dataclass(frozen=True)
class Member:
    """A person who takes requests from a queue, with what they are good at (request types, products …)."""

    slack_id: str
    skills: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Queue:
    """A team's channel and members, how work is shared among them, and the service level they keep."""

    name: str
    channel: str | None  # a channel id (C…) or #name; None: the default queue with no channel set
    calendar: WorkingCalendar
    members: tuple[Member, ...] = ()
    lead: str | None = None
    policy: Policy = "round_robin"
    accept_within_hours: float = 8
    manager_after_hours: float = 16  # unaccepted this long: the requester's manager hears of it too
    remind_before_days: tuple[int, ...] = (2, 0)


@dataclass(frozen=True)
class Rule:
    """Which requests go to a queue; a condition left as None accepts anything."""

    queue: str
    types: frozenset[str] | None = None
    regions: frozenset[str] | None = None
    industries: frozenset[str] | None = None
    products: frozenset[str] | None = None
    source: str | None = None  # where the admin wrote it, "presales-rules.toml:41"

    def matches(self, facts: RequestFacts) -> bool:
        """True when every condition the rule sets holds for the request."""
        return (
            (self.types is None or facts.type in self.types)
            and _accepts(self.regions, (facts.region,) if facts.region else ())
            and _accepts(self.industries, (facts.industry,) if facts.industry else ())
            and _accepts(self.products, facts.products)
        )


def _accepts(allowed: frozenset[str] | None, values: Sequence[str]) -> bool:
    if allowed is None:
        return True
    return any(_fold(v) in {_fold(a) for a in allowed} for v in values)


def _fold(text: str) -> str:
    return text.strip().casefold()


@dataclass(frozen=True)
class RequestFacts:
    """What routing looks at: the request's type and its account's region, industry and products."""

    type: str
    region: str | None = None
    industry: str | None = None
    products: tuple[str, ...] = ()

    def needs(self) -> frozenset[str]:
        """The skills that would serve this request: its type, its products and its industry."""
        words = (self.type, *self.products, *((self.industry,) if self.industry else ()))
        return frozenset(_fold(w) for w in words)


@dataclass(frozen=True)
class RoutingRules:
    """The queues and rules in force, and the queue that catches what no rule matches."""

    queues: tuple[Queue, ...]
    rules: tuple[Rule, ...]
    default: Queue
    source: str | None = None  # the file they were read from; None: no rules file, everything to the default
    workspace: str | None = None  # the Slack workspace (team id) the file says it serves; None: it names none

    def queue(self, name: str) -> Queue:
        """The queue of that name (the default queue for its own name)."""
        return next((q for q in self.queues if q.name == name), self.default)


@dataclass(frozen=True)
class RouteDecision:
    """Where a request goes, by which rule (None: no rule matched, the default queue), and why in words."""

    queue: Queue
    rule_index: int | None
    reason: str


def route(facts: RequestFacts, rules: RoutingRules) -> RouteDecision:
    """The queue of the first rule that matches the request, or the default queue, saying which."""
    for index, rule in enumerate(rules.rules):
        if rule.matches(facts):
            where = f" ({rule.source})" if rule.source else ""
            return RouteDecision(rules.queue(rule.queue), index, f"rule {index + 1}{where} matched: {rule.queue}")
    channel = rules.default.channel or "no channel (RAPPORT_PRESALES_CHANNEL is not set)"
    why = "no rules file" if rules.source is None else f"no rule in {rules.source} matched"
    return RouteDecision(rules.default, None, f"{why}: the default queue, {channel}")


@dataclass(frozen=True)
class PolicyState:
    """What assignment remembers of a queue: who was assigned last and how many open requests each holds."""

    last_assigned: str | None = None
    open_load: Mapping[str, int] = field(default_factory=dict)


def assignee(queue: Queue, state: PolicyState, *, needs: frozenset[str] = frozenset(),
             exclude: frozenset[str] = frozenset()) -> str | None:
    """Whom the queue's policy hands the next request to (None: nobody to hand it to, the channel picks)."""
    turn = _in_turn(queue, state.last_assigned, exclude)
    if not turn:
        return None
    if queue.policy == "round_robin":
        return turn[0].slack_id
    if queue.policy == "skill_match":
        turn = _best_skilled(turn, needs) or turn
    return min(turn, key=lambda m: state.open_load.get(m.slack_id, 0)).slack_id


def _in_turn(queue: Queue, last: str | None, exclude: frozenset[str]) -> list[Member]:
    """Members in round-robin order, starting after the one assigned last, so ties rotate fairly."""
    ids = [m.slack_id for m in queue.members]
    after = ids.index(last) + 1 if last in ids else 0
    ordered = queue.members[after:] + queue.members[:after]
    return [m for m in ordered if m.slack_id not in exclude]


def _best_skilled(members: list[Member], needs: frozenset[str]) -> list[Member]:
    """The members whose skills cover the most of what the request needs (none when no skill applies)."""
    scores = [len({_fold(s) for s in m.skills} & needs) for m in members]
    best = max(scores, default=0)
    return [m for m, score in zip(members, scores, strict=True) if best and score == best]
