"""Value propositions: 2–3 points a decision maker can hear in 60 seconds, and who has heard which.

Spoken length is estimated from documented speaking rates, not measured: conversational Mandarin runs
at about 200–250 characters a minute (news readers ~250–300); we take **240 Chinese characters a
minute** (4 a second). Conversational English runs at 130–170 words a minute; we take **150 words a
minute** (2.5 a second). Digits and Latin words inside Chinese text count as English words, so
"降低30%成本" is 4 characters and one word. Each point after the first adds a one-second pause.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from domain.graph.chain import (
    COACH,
    DECISION_MAKER,
    ECONOMIC_BUYER,
    INFLUENCER,
    PROCUREMENT,
    TECHNICAL_BUYER,
    USER_BUYER,
)

LIMIT_SECONDS = 60
CJK_PER_SECOND = 240 / 60
WORDS_PER_SECOND = 150 / 60
PAUSE_BETWEEN_POINTS = 1.0
MIN_POINTS, MAX_POINTS = 2, 3
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’.,%-][A-Za-z0-9%]+)*%?")
_NOISE = re.compile(r"[\s\W_]+", re.UNICODE)

# Which of the six control points a person in each chain role can move: what a reminder asks the rep
# to raise with them when it is still open.
MOVES: Mapping[str, tuple[str, ...]] = {
    DECISION_MAKER: ("exchange_time", "award_method", "evaluation_criteria", "award_rule"),
    ECONOMIC_BUYER: ("budget_input", "award_rule"),
    TECHNICAL_BUYER: ("rfp_input", "evaluation_criteria"),
    USER_BUYER: ("rfp_input",),
    COACH: ("exchange_time", "rfp_input", "evaluation_criteria"),
    INFLUENCER: ("exchange_time", "evaluation_criteria"),
    PROCUREMENT: ("award_method", "award_rule"),
}


@dataclass(frozen=True)
class Proposition:
    """A value proposition: a title, 2–3 points, and what it speaks to (industries, products, chain roles)."""

    id: int
    title: str
    points: tuple[str, ...]
    industries: tuple[str, ...] = ()
    products: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    archived: bool = False


@dataclass(frozen=True)
class SpokenLength:
    """How long the points take to say aloud, and by how many seconds they overrun the minute."""

    seconds: int

    @property
    def overrun(self) -> int:
        """Seconds beyond the 60-second limit (0 when it fits)."""
        return max(0, self.seconds - LIMIT_SECONDS)

    @property
    def fits(self) -> bool:
        """Whether the pitch can be delivered in 60 seconds."""
        return self.overrun == 0


def spoken_length(points: Sequence[str]) -> SpokenLength:
    """Estimated speaking time of the points, at 240 Chinese characters or 150 English words a minute."""
    seconds = sum(_seconds(p) for p in points) + PAUSE_BETWEEN_POINTS * max(0, len(points) - 1)
    return SpokenLength(math.ceil(seconds))


def _seconds(text: str) -> float:
    cjk = len(_CJK.findall(text))
    words = len(_WORD.findall(_CJK.sub(" ", text)))
    return cjk / CJK_PER_SECOND + words / WORDS_PER_SECOND


def point_key(text: str) -> str:
    """The point with spacing, punctuation and case removed: how two wordings of one point are compared."""
    return _NOISE.sub("", text).lower()


def _bigrams(key: str) -> set[str]:
    return {key[i:i + 2] for i in range(len(key) - 1)} or {key}


def same_point(said: str, point: str) -> bool:
    """Whether what a rep said they pitched is this library point (most of the point's wording is in it)."""
    a, b = point_key(said), point_key(point)
    if not a or not b:
        return False
    if b in a or a in b:
        return True
    mine, theirs = _bigrams(a), _bigrams(b)
    return len(mine & theirs) / len(theirs) >= 0.6


def matching_point(said: str, propositions: Iterable[Proposition]) -> tuple[Proposition, str] | None:
    """The library point a pitched phrase is, with its proposition, or None when it is not in the library."""
    for prop in propositions:
        for point in prop.points:
            if same_point(said, point):
                return prop, point
    return None


@dataclass(frozen=True)
class Heard:
    """What one person has heard of one point: how often, through which channels, and when last."""

    point: str
    times: int
    channels: tuple[str, ...]
    last: datetime


@dataclass(frozen=True)
class PointToSay:
    """A point of the pitch for one person, with what they have heard of it (None: never)."""

    point: str
    heard: Heard | None = None


def points_to_say(points: Sequence[str], heard: Mapping[str, Heard]) -> list[PointToSay]:
    """The pitch for one person: points never heard first, then the least and longest-ago heard."""
    def heard_of(p: str) -> Heard | None:
        return heard.get(point_key(p))

    rows = [PointToSay(p, heard_of(p)) for p in points]
    return sorted(rows, key=lambda r: (r.heard is not None, r.heard.times if r.heard else 0,
                                       r.heard.last if r.heard else datetime.min))


def open_points_for(role: str | None, states: Mapping[str, str]) -> tuple[str, ...]:
    """The control points still open (unknown or at risk) that a person in this role can move."""
    return tuple(k for k in MOVES.get(role or "", ()) if states.get(k, "unknown") in ("unknown", "at_risk"))


@dataclass(frozen=True)
class Fit:
    """How well a proposition suits one person of one deal, and why (role, industry, product, past wins)."""

    proposition: Proposition
    score: float
    because: tuple[str, ...] = field(default=())


def suggest(propositions: Iterable[Proposition], *, role: str | None, industry: str | None,
            product: str | None, win_rate: Mapping[int, float] | None = None) -> list[Fit]:
    """Library propositions for a person of a deal, best first: tags that match, then what has won.

    A proposition written for other roles is not offered to this one (a CTO does not hear the CFO's cost
    case because both work at a bank) unless it has a record with this role; one naming no role may suit anyone.
    """
    fits = []
    for prop in propositions:
        elsewhere = role is not None and prop.roles and role not in prop.roles
        if prop.archived or (elsewhere and (win_rate or {}).get(prop.id) is None):
            continue
        because = tuple(why for why, hit in (("role", role is not None and role in prop.roles),
                                             ("industry", _tagged(industry, prop.industries)),
                                             ("product", _tagged(product, prop.products))) if hit)
        rate = (win_rate or {}).get(prop.id)
        score = 3 * ("role" in because) + 2 * ("industry" in because) + ("product" in because) + (rate or 0.0)
        fits.append(Fit(prop, score, because + (("wins",) if rate is not None else ())))
    return sorted(fits, key=lambda f: (-f.score, f.proposition.id))


def _tagged(value: str | None, tags: Sequence[str]) -> bool:
    key = point_key(value or "")
    return bool(key) and any(point_key(t) and (point_key(t) in key or key in point_key(t)) for t in tags)
