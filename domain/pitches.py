"""Value propositions: 2–3 points a decision maker can hear in 60 seconds, and who has heard which.

Spoken length is estimated from documented speaking rates, not measured: conversational Mandarin runs
at about 200–250 characters a minute (news readers ~250–300); we take **240 Chinese characters a
minute** (4 a second), and time Japanese kana and Korean hangul at the same rate, a syllable each.
Conversational English runs at 130–170 words a minute; we take **150 words a minute** (2.5 a second).
Text is NFKC-normalised first, so full-width ３０％ is 30%. Other tokens — Latin words, numbers — are
weighed as words: one word each, but a number takes a word per two digits (1,000,000 is 3.5 words,
99.99% two, 7x24 about 1.6) and a long word one per seven letters (a 20-letter token is about 3), so
"降低30%成本" is 4 characters and one word. Each point after the first adds a one-second pause.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping, Sequence
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
MIN_FRAGMENT = 0.5  # a phrase inside a point must be at least half of it
MIN_SHARED = 0.6  # else most of the point's character pairs must be in the phrase
DIGITS_PER_WORD, LETTERS_PER_WORD = 2, 7
# Han (with extension B), kana and hangul: each character is a syllable, said at the Chinese rate.
_SYLLABLE = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002a6df"
                       "\u3041-\u309f\u30a0-\u30fa\u30fc-\u30ff\u31f0-\u31ff"
                       "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
_WORD = re.compile(r"[^\W_]+(?:['’.,%-][^\W_]+)*%?")
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
    text = unicodedata.normalize("NFKC", text)
    syllables = len(_SYLLABLE.findall(text))
    words = sum(_words(token) for token in _WORD.findall(_SYLLABLE.sub(" ", text)))
    return syllables / CJK_PER_SECOND + words / WORDS_PER_SECOND


def _words(token: str) -> float:
    """How many spoken words a token is: a number is said digit group by digit group, a long word is long."""
    digits = sum(c.isdigit() for c in token)
    letters = sum(c.isalpha() for c in token)
    return max(1.0, digits / DIGITS_PER_WORD + letters / LETTERS_PER_WORD)


def speakable(text: str) -> bool:
    """Whether a point has anything to say aloud (a row of emoji or punctuation has not)."""
    return _seconds(text) > 0


def point_key(text: str) -> str:
    """The point with width, spacing, punctuation and case evened out: how two wordings of one point are compared."""
    return _NOISE.sub("", unicodedata.normalize("NFKC", text)).lower()


def _bigrams(key: str) -> set[str]:
    return {key[i:i + 2] for i in range(len(key) - 1)} or {key}


def _coverage(said: str, point: str) -> float:
    """How much of the point's wording (keys) the said words hold; 0 when too little to be that point."""
    if not said or not point:
        return 0.0
    if point in said:
        return 1.0
    if said in point:  # a fragment must be a good part of the point: "成本" is not "三年总拥有成本降低30%"
        share = len(said) / len(point)
        return share if share >= MIN_FRAGMENT else 0.0
    theirs = _bigrams(point)
    share = len(_bigrams(said) & theirs) / len(theirs)
    return share if share >= MIN_SHARED else 0.0


def same_point(said: str, point: str) -> bool:
    """Whether what a rep said they pitched is this library point (most of the point's wording is in it)."""
    return _coverage(point_key(said), point_key(point)) > 0


def matching_point(said: str, propositions: Iterable[Proposition],
                   prefer: Collection[int] = ()) -> tuple[Proposition, str] | None:
    """The library point a pitched phrase is, with its proposition, or None when it is not in the library.

    The best match over the whole library wins, not the first: a point said whole beats one it only
    resembles; then a proposition in `prefer` (those chosen for the deal), then the more of the point
    said and the less else. Ties go to the older proposition."""
    a, best, found = point_key(said), (0.0, False, 0.0, 0.0), None
    for prop in propositions:
        for point in prop.points:
            b = point_key(point)
            cover = _coverage(a, b)
            rank = (float(cover == 1.0), prop.id in prefer, cover, len(b) / max(len(a), len(b), 1))
            if cover > 0 and rank > best:
                best, found = rank, (prop, point)
    return found


def worded_now(point: str, prop: Proposition) -> str | None:
    """Which of the proposition's points a delivered wording is today, however the point has been reworded
    since ("两周上线" is "两周内上线" after an edit): the best match either way round, None when none."""
    said = point_key(point)
    scored = [(max(_coverage(said, point_key(p)), _coverage(point_key(p), said)), p) for p in prop.points]
    score, now = max(scored, key=lambda s: s[0], default=(0.0, None))
    return now if score > 0 else None


def library_wording(point: str, prop_id: int | None, library: Mapping[int, Proposition]) -> str:
    """How the library words a delivered point today — its proposition's point however since reworded, else
    the library point it says, else as said: what reminders and what wins both count it under."""
    prop = library.get(prop_id) if prop_id is not None else None
    if prop is not None and (now := worded_now(point, prop)) is not None:
        return now
    found = matching_point(point, library.values())
    return found[1] if found else point


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
