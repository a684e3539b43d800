"""Trust with one contact along the method's four dimensions, the stage it suggests, and what to do next.

Only touches that name the contact and happened on or before today count. Each score is 0–100,
rounded to a whole number.

- **frequency** — regular touches against the contact's cadence. Touches are counted as distinct
  days with any interaction in the last 90 days (today included); expected = 90 / cadence_days;
  score = min(100, 100 × actual / expected). Met every week on a 14-day cadence: 100.
- **professionalism** — expert talks, knowledge sharing, company and reference visits in the
  last 365 days. An interaction is one of these kinds (see `expertise_kind`) when its channel is
  `event` (expert talk) or `site_visit` (company or reference visit), or when its summary or
  pitched points name an expert talk, a visit or shared knowledge (white paper, case study,
  industry report, workshop, training …). score = min(100, 100 × professional_touches / 4): one a
  quarter is full.
- **depth** — one-to-one and social time in the last 365 days, weighted by importance. A meal
  (`meal`) is 2 points; a face-to-face `meeting` with at most 2 customer contacts 1 point; a small
  `online_meeting` ½ point. The more important the person, the more such time it takes:
  target = importance + 1 points a year (6 for importance 5, 2 for importance 1);
  score = min(100, 100 × points / target).
- **length** — the span from the first interaction to today, concave: years count most early.
  score = 100 × √(min(days, 1095) / 1095): 0 at day 0, 58 at one year, 82 at two, 100 at three.
- **overall** = 0.30 frequency + 0.25 professionalism + 0.25 depth + 0.20 length: the rhythm the
  rep controls weighs most; length cannot be hurried, so it weighs least.

The trust ladder (认识 → 熟悉 → 信任 → 相信 → 相依) is climbed one rung at a time, each rung
unlocked by one dimension, and every lower rung must still hold:

    认识 acquainted      — start                                   rep is a vendor
    熟悉 familiar        — frequency ≥ 50                           rep is a vendor they know
    信任 trusted         — and professionalism ≥ 50                 rep is a consultant
    相信 confident       — and depth ≥ 50                           rep is a friend
    相依 interdependent  — and length ≥ 80 (about two years)        rep is a mentor

Regular touches make us familiar but still a supplier; expertise earns a consultant's trust;
time with the person makes a friend they believe in; years of all three make the rep the mentor
they lean on. Trust that is not tended (frequency below 50) falls back to acquainted.

What would raise the weakest: the lowest of frequency, professionalism and depth (ties in that
order) with a next kind of touch. Length is left out: no touch raises it, only time.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from domain.entities import Contact, Interaction
from domain.touch_plan import cadence_for

FREQUENCY_WINDOW_DAYS = 90
YEAR_DAYS = 365
PROFESSIONAL_TOUCHES_A_YEAR = 4
DEPTH_WEIGHTS = {"meal": 2.0, "meeting": 1.0, "online_meeting": 0.5}
SMALL_GROUP = 2  # customer contacts at most for a meeting to count as one-to-one time
FULL_LENGTH_DAYS = 3 * YEAR_DAYS
WEIGHTS = {"frequency": 0.30, "professionalism": 0.25, "depth": 0.25, "length": 0.20}

FREQUENCY, PROFESSIONALISM, DEPTH, LENGTH = "frequency", "professionalism", "depth", "length"
RAISABLE = (FREQUENCY, PROFESSIONALISM, DEPTH)

EXPERT_TALK, KNOWLEDGE_SHARING = "expert_talk", "knowledge_sharing"
COMPANY_VISIT, REFERENCE_VISIT = "company_visit", "reference_visit"
_EXPERTISE_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (REFERENCE_VISIT, re.compile(r"标杆客户|样板客户|样板|\breference (?:site|customer|visit)\b", re.I)),
    (COMPANY_VISIT, re.compile(r"参观|考察|来我司|展厅|体验中心|\b(?:site visit|showroom|visited our)\b", re.I)),
    (EXPERT_TALK, re.compile(r"专家|讲座|技术交流|研讨会|论坛|峰会|\b(?:expert|seminar|tech talk|keynote|webinar)\b", re.I)),
    (KNOWLEDGE_SHARING, re.compile(r"白皮书|案例|行业报告|最佳实践|培训|分享|工作坊|\b(?:white ?paper|case stud(?:y|ies)|"
                                   r"industry report|best practices?|benchmark|training|workshop|insights?)\b", re.I)),
)


@dataclass(frozen=True)
class Stage:
    """A rung on the trust ladder and the role the rep plays there."""

    name: str
    zh: str
    role: str
    rank: int


LADDER: tuple[Stage, ...] = (
    Stage("acquainted", "认识", "vendor", 0),
    Stage("familiar", "熟悉", "vendor", 1),
    Stage("trusted", "信任", "consultant", 2),
    Stage("confident", "相信", "friend", 3),
    Stage("interdependent", "相依", "mentor", 4),
)
# The dimension and score that unlock each rung above the first.
GATES: tuple[tuple[str, int], ...] = ((FREQUENCY, 50), (PROFESSIONALISM, 50), (DEPTH, 50), (LENGTH, 80))


@dataclass(frozen=True)
class NextTouch:
    """The dimension to raise and the kind of touch that raises it."""

    dimension: str
    kind: str
    touch: str

    def as_pair(self) -> tuple[str, str]:
        """(dimension, touch), as the person card shows it."""
        return (self.dimension, self.touch)


NEXT_TOUCHES: dict[str, NextTouch] = {
    FREQUENCY: NextTouch(FREQUENCY, "check_in", "book a check-in within the cadence: a call, a visit or a useful read"),
    PROFESSIONALISM: NextTouch(PROFESSIONALISM, "expert_talk", "invite to an expert talk or a reference visit"),
    DEPTH: NextTouch(DEPTH, "one_to_one", "ask for a one-to-one lunch or coffee"),
}


@dataclass(frozen=True)
class TrustScores:
    """How far trust with a contact has grown on each dimension, 0–100."""

    frequency: int
    professionalism: int
    depth: int
    length: int

    @property
    def overall(self) -> int:
        """The weighted blend of the four dimensions."""
        return round(sum(weight * self.score(name) for name, weight in WEIGHTS.items()))

    def score(self, dimension: str) -> int:
        """One dimension's score by name."""
        return int(getattr(self, dimension))

    @property
    def stage(self) -> Stage:
        """The rung these scores reach on the trust ladder."""
        return stage_for(self)

    @property
    def weakest(self) -> NextTouch:
        """The weakest dimension a touch can raise, and the next kind of touch for it."""
        return NEXT_TOUCHES[min(RAISABLE, key=self.score)]


def stage_for(scores: TrustScores) -> Stage:
    """The highest rung whose gate, and every gate below it, the scores meet."""
    reached = LADDER[0]
    for stage, (dimension, floor) in zip(LADDER[1:], GATES, strict=True):
        if scores.score(dimension) < floor:
            break
        reached = stage
    return reached


def expertise_kind(interaction: Interaction) -> str | None:
    """Which professional touch this was: expert talk, knowledge sharing, company or reference visit."""
    text = " ".join((interaction.summary, *interaction.pitched))
    found = next((kind for kind, words in _EXPERTISE_WORDS if words.search(text)), None)
    if interaction.channel == "site_visit":
        return REFERENCE_VISIT if found == REFERENCE_VISIT else COMPANY_VISIT
    if interaction.channel == "event":
        return found or EXPERT_TALK
    return found


def trust_scores(contact: Contact, history: Sequence[Interaction], today: date | None = None,
                 cadence_days: int | None = None) -> TrustScores:
    """The four trust scores from the touches with this contact (cadence: their plan's unless given)."""
    day = today or date.today()
    cadence = cadence_for(contact.importance, contact.trust_stage) if cadence_days is None else cadence_days
    if cadence < 1:
        raise ValueError("cadence_days must be at least one day")
    mine = [i for i in history if contact.id in i.contact_ids and i.occurred_on <= day]
    return TrustScores(frequency=_frequency(mine, day, cadence), professionalism=_professionalism(mine, day),
                       depth=_depth(mine, day, contact.importance), length=_length(mine, day))


def trust_stage(contact: Contact, history: Sequence[Interaction], today: date | None = None,
                cadence_days: int | None = None) -> Stage:
    """The rung of the trust ladder this contact's history suggests, with the rep's role there."""
    return stage_for(trust_scores(contact, history, today, cadence_days))


def _since(touches: Sequence[Interaction], today: date, days: int) -> list[Interaction]:
    start = today - timedelta(days=days - 1)
    return [i for i in touches if i.occurred_on >= start]


def _capped(actual: float, expected: float) -> int:
    return min(100, round(100 * actual / expected))


def _frequency(touches: Sequence[Interaction], today: date, cadence: int) -> int:
    days = {i.occurred_on for i in _since(touches, today, FREQUENCY_WINDOW_DAYS)}
    return _capped(len(days), FREQUENCY_WINDOW_DAYS / cadence)


def _professionalism(touches: Sequence[Interaction], today: date) -> int:
    count = sum(1 for i in _since(touches, today, YEAR_DAYS) if expertise_kind(i) is not None)
    return _capped(count, PROFESSIONAL_TOUCHES_A_YEAR)


def _depth(touches: Sequence[Interaction], today: date, importance: int) -> int:
    points = sum(DEPTH_WEIGHTS.get(i.channel, 0.0) for i in _since(touches, today, YEAR_DAYS)
                 if i.channel == "meal" or len(i.contact_ids) <= SMALL_GROUP)
    return _capped(points, min(max(importance, 1), 5) + 1)


def _length(touches: Sequence[Interaction], today: date) -> int:
    if not touches:
        return 0
    days = (today - min(i.occurred_on for i in touches)).days
    return round(100 * math.sqrt(min(days, FULL_LENGTH_DAYS) / FULL_LENGTH_DAYS))
