"""What Rapport understood from one meeting log: the shape of contracts/meeting-log.schema.json."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal

Channel = Literal[
    "meeting", "call", "online_meeting", "message", "email", "meal", "event", "site_visit", "other"
]
Stance = Literal["supporter", "neutral", "opponent"]
DealRole = Literal[
    "decision_maker", "economic_buyer", "technical_buyer", "user_buyer", "coach", "influencer", "procurement"
]
RelationKind = Literal["reports_to", "influences", "ally", "rival", "knows"]
AwardMethod = Literal[
    "open_tender", "invited_tender", "competitive_negotiation", "competitive_consultation", "single_source", "inquiry"
]
AwardRule = Literal["lowest_price", "comprehensive_score"]
ControlKey = Literal[
    "exchange_time", "budget_input", "rfp_input", "award_method", "evaluation_criteria", "award_rule"
]
ControlState = Literal["secured", "at_risk", "lost"]
RequestType = Literal[
    "expert_talk", "demo", "solution_workshop", "site_visit", "poc", "executive_meeting", "brand_material", "bid_support"
]
FlagKind = Literal["compliance", "identity_number"]
CareerKind = Literal["promotion", "work_anniversary"]

CONTROL_KEYS: tuple[str, ...] = (
    "exchange_time", "budget_input", "rfp_input", "award_method", "evaluation_criteria", "award_rule"
)


@dataclass(frozen=True)
class CareerDate:
    """A date in a person's career the log tells: a promotion, or when they joined (greeted each year after)."""

    kind: CareerKind
    on: date  # a day or month the text leaves out is filled in as domain/understanding/careers.py says


@dataclass(frozen=True)
class PersonMention:
    """A person the rep named, as written, with what the log says about them."""

    name: str
    title: str | None = None
    department: str | None = None
    account: str | None = None
    stance: Stance | None = None
    deal_role: DealRole | None = None
    birthday: str | None = None  # MM-DD as stated
    birthday_lunar: bool = False
    present: bool = False
    occasions: tuple[CareerDate, ...] = ()  # beyond the contract: promotions and join dates the log tells


@dataclass(frozen=True)
class Relation:
    """A tie between two named people: reporting line, influence, alliance, rivalry or acquaintance."""

    from_: str
    kind: RelationKind
    to: str


@dataclass(frozen=True)
class Criterion:
    """One evaluation criterion of a tender and its weight."""

    item: str
    weight: float


@dataclass(frozen=True)
class DealFacts:
    """What the log says about the deal it concerns."""

    name: str | None = None
    amount: float | None = None
    currency: str | None = None
    stage: str | None = None
    close_on: date | None = None
    rfp_due: date | None = None
    tender_on: date | None = None
    award_method: AwardMethod | None = None
    award_rule: AwardRule | None = None
    evaluation_criteria: tuple[Criterion, ...] = ()
    competitors: tuple[str, ...] = ()


@dataclass(frozen=True)
class NextMeeting:
    """A meeting the rep has planned with named people."""

    with_: tuple[str, ...]
    on: date
    at: str | None = None  # HH:MM in the rep's zone
    topic: str | None = None


@dataclass(frozen=True)
class ControlPointFact:
    """Evidence about one of the six control points."""

    key: ControlKey
    state: ControlState
    evidence: str | None = None


@dataclass(frozen=True)
class ResourceRequestFact:
    """Presales help the rep asks for."""

    type: RequestType
    needed_by: date | None = None
    for_: tuple[str, ...] = ()


@dataclass(frozen=True)
class Flag:
    """A passage Rapport refuses to store, and why."""

    kind: FlagKind
    reason: str  # says what kind of thing was left out, never the passage itself


@dataclass(frozen=True)
class MeetingLog:
    """Everything understood from one log; unknown facts stay None or empty, never guessed."""

    occurred_on: date | None
    channel: Channel
    account: str | None
    notes: str
    people: tuple[PersonMention, ...] = ()
    relations: tuple[Relation, ...] = ()
    deal: DealFacts | None = None
    next_meetings: tuple[NextMeeting, ...] = ()
    control_points: tuple[ControlPointFact, ...] = ()
    resource_requests: tuple[ResourceRequestFact, ...] = ()
    pitched: tuple[str, ...] = ()
    flags: tuple[Flag, ...] = ()
    unparsed: tuple[str, ...] = field(default=())  # passages nothing was understood from

    def is_empty(self) -> bool:
        """True when nothing worth recording was understood."""
        return not (
            self.account or self.people or self.relations or self.deal or self.next_meetings
            or self.control_points or self.resource_requests or self.pitched
        )

    def to_json(self) -> dict[str, Any]:
        """The contract's JSON object (dates as ISO strings, trailing underscores dropped)."""
        return _jsonable(asdict(self))

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> MeetingLog:
        """Rebuild a log from its contract JSON (as stored on a draft)."""
        from domain.meeting_log_json import meeting_log_from_json

        return meeting_log_from_json(data)


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k.rstrip("_"): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value
